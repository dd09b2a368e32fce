package org.stellaops.attestor.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.stellaops.attestor.testing.Osgi;

/** The monitor component as Declarative Services drives it: bound logs, its own timer, EventAdmin, status service. */
class SplitViewMonitorComponentTest {

    @TempDir
    Path dir;

    private final SplitViewMonitorComponent component = new SplitViewMonitorComponent();
    private final RecordingEventAdmin events = new RecordingEventAdmin();

    @AfterEach
    void stop() throws InterruptedException {
        component.deactivate();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private String state() {
        List<Map<String, Object>> status = component.get();
        return status.isEmpty() ? "" : (String) status.get(0).get("state");
    }

    @Test
    void checksBoundLogsPeriodicallyAndRaisesASplitViewEventThatAnOperatorCanReset() throws Exception {
        Tree main = Tree.of("main", 20);
        TestLog log = new TestLog(LogKey.ecdsa("log.test/component"), main);
        log.publish(8);
        component.bindEventAdmin(events);
        component.bindTransparencyLog(log);
        component.activate(Osgi.context(Map.of(DataFiles.DATA_DIR_PROPERTY, dir.toString())),
                Osgi.config(MonitorConfig.class, Map.of("monitorIntervalMillis", 100L)));
        await(() -> "ok".equals(state()), "first check");
        String logId = (String) component.get().get(0).get("logId");
        assertTrue(Files.isRegularFile(dir.resolve("witness/monitor").resolve(logId + ".checkpoint")));

        log.publish(15);
        await(() -> Long.valueOf(15).equals(component.get().get(0).get("lastVerifiedSize")), "growth adopted");

        log.serve(main.fork(4, "fork", 18));
        Event split = events.await(EventSink.SPLIT_VIEW, 10_000);
        assertEquals(logId, split.getProperty("logId"));
        await(() -> "split-view".equals(state()), "split-view state");

        log.serve(main);
        component.accept(logId);
        await(() -> "ok".equals(state()), "state after reset");
        assertEquals(1, events.events(EventSink.SPLIT_VIEW).size());
    }

    @Test
    void dropsAnUnboundLogFromTheStatus() throws Exception {
        TestLog log = new TestLog(LogKey.ed25519("log.test/gone"), Tree.of("g", 3));
        component.activate(Osgi.context(Map.of(DataFiles.DATA_DIR_PROPERTY, dir.toString())),
                Osgi.config(MonitorConfig.class, Map.of("monitorIntervalMillis", 100L)));
        component.bindTransparencyLog(log);
        await(() -> "ok".equals(state()), "first check of a log bound after activation");
        component.unbindTransparencyLog(log);
        assertTrue(component.get().isEmpty());
    }
}
