package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.Test;

/** A component waiting for a MongoDB that is not there yet, over real TCP. */
class StartWhenReachableTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    /** Stands for SCR: counts enables and disables; the component comes up on enable when {@link #comesUp}. */
    private static final class Component implements StartWhenReachable.Target {
        final AtomicInteger enables = new AtomicInteger();
        final AtomicInteger disables = new AtomicInteger();
        final AtomicBoolean up = new AtomicBoolean();
        volatile boolean comesUp = true;

        @Override
        public void enable() {
            enables.incrementAndGet();
            up.set(comesUp);
        }

        @Override
        public void disable() {
            disables.incrementAndGet();
            up.set(false);
        }

        @Override
        public boolean up() {
            return up.get();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static StartWhenReachable.Probe probe(int port) {
        MongoStoreConfig config = TestServer.config(java.util.Map.of("uri", "mongodb://127.0.0.1:" + port,
                "serverSelectionTimeoutMillis", 200, "connectTimeoutMillis", 200));
        return () -> Connection.open(config).close();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + BOUND + ": " + what);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Test
    void enablesTheComponentOnlyOnceMongoDbAnswers() throws Exception {
        int port = freePort();
        Component component = new Component();
        try (StartWhenReachable starter = new StartWhenReachable("test store", probe(port), component,
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5))) {
            MongoServer server = new MongoServer(new MemoryBackend());
            try {
                // nothing listens yet: at least two probes fail before the server starts
                await("two failed probes", () -> component.enables.get() == 0 && starterProbed(starter));
                assertEquals(0, component.enables.get());
                server.bind("127.0.0.1", port);
                await("the component is enabled", () -> component.up());
                assertEquals(1, component.enables.get());
            } finally {
                server.shutdownNow();
            }
        }
    }

    @Test
    void disablesAndEnablesAgainAComponentThatDidNotComeUp() throws Exception {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        Component component = new Component();
        component.comesUp = false;
        try (StartWhenReachable starter = new StartWhenReachable("test store",
                probe(server.getLocalAddress().getPort()), component, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofMillis(300))) {
            await("a second enable after a disable", () -> component.enables.get() >= 2);
            assertTrue(component.disables.get() >= 1);
            component.comesUp = true;
            await("the component is up at last", component::up);
        } finally {
            server.shutdownNow();
        }
    }

    /** Gives the starter time for a few probes, measured by its own schedule rather than a sleep of the test. */
    private static boolean starterProbed(StartWhenReachable starter) {
        return starter.failedProbes() >= 2;
    }
}
