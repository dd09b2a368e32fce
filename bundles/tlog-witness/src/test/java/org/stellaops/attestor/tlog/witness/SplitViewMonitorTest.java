package org.stellaops.attestor.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.tlog.TransparencyLog;

/** The monitor against a log backed by real Merkle trees that forks, rolls back, lies about its key or goes away. */
class SplitViewMonitorTest {

    @TempDir
    Path dir;

    private final LogKey key = LogKey.ecdsa("log.test/monitored");
    private final Tree main = Tree.of("main", 30);
    private final TestLog log = new TestLog(key, main);
    private final List<TransparencyLog> logs = new ArrayList<>(List.of(log));
    private final List<Map<String, Object>> events = new ArrayList<>();
    private SplitViewMonitor monitor;
    private String logId;

    @BeforeEach
    void open() throws Exception {
        monitor = newMonitor();
        logId = log.descriptor().logId();
        log.publish(10);
    }

    private SplitViewMonitor newMonitor() throws Exception {
        EventSink sink = (topic, properties) -> {
            assertEquals(EventSink.SPLIT_VIEW, topic);
            events.add(properties);
        };
        return new SplitViewMonitor(new MonitorStore(dir), sink, Clock.systemUTC(), () -> logs);
    }

    private long persistedSize() throws Exception {
        return new MonitorStore(dir).verified(logId).orElseThrow().size();
    }

    @Test
    void adoptsTheFirstVerifiedCheckpoint() throws Exception {
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.OK, status.state());
        assertEquals(10, status.lastVerifiedSize());
        assertEquals(10, persistedSize());
    }

    @Test
    void staysOkWhileTheLogGrowsConsistently() throws Exception {
        monitor.check(log);
        for (long size : new long[] {11, 16, 17, 30}) {
            log.publish(size);
            LogStatus status = monitor.check(log);
            assertEquals(LogStatus.OK, status.state(), status.detail());
            assertEquals(size, status.lastVerifiedSize());
        }
        assertEquals(30, persistedSize());
        assertTrue(events.isEmpty());
    }

    @Test
    void raisesSplitViewOnAForkAndDoesNotAdoptTheForkedCheckpoint() throws Exception {
        monitor.check(log);
        String verified = new MonitorStore(dir).verified(logId).orElseThrow().signedNote();
        log.serve(main.fork(7, "fork", 20));
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.SPLIT_VIEW, status.state());
        assertEquals(10, persistedSize());
        assertEquals(1, events.size());
        Map<String, Object> event = events.get(0);
        assertEquals(logId, event.get("logId"));
        assertEquals("log.test/monitored", event.get("origin"));
        assertEquals(verified, event.get("checkpoint"));
        assertTrue(((String) event.get("conflictingCheckpoint")).contains("\n20\n"));
    }

    @Test
    void raisesSplitViewForTwoRootsOfTheSameSize() throws Exception {
        monitor.check(log);
        log.serve(main.fork(7, "fork", 10));
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
    }

    @Test
    void raisesSplitViewWhenTheLogRollsBackToAForkedSmallerTree() throws Exception {
        log.publish(20);
        monitor.check(log);
        log.serve(main.fork(7, "fork", 12));
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
        assertEquals(20, persistedSize());
    }

    @Test
    void keepsTheLargerCheckpointWhenTheLogPresentsAnOlderConsistentOne() throws Exception {
        log.publish(20);
        monitor.check(log);
        log.publish(12);
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.OK, status.state(), status.detail());
        assertEquals(20, status.lastVerifiedSize());
        assertEquals(20, persistedSize());
    }

    @Test
    void keepsTheSplitViewMarkUntilAnOperatorResetsItEvenAcrossARestart() throws Exception {
        monitor.check(log);
        Tree fork = main.fork(7, "fork", 20);
        log.serve(fork);
        monitor.check(log);
        log.serve(main);
        log.publish(25);
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
        monitor = newMonitor();
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
        assertEquals(1, events.size(), "the event is raised once, not on every round");
        assertTrue(monitor.reset(logId));
        assertEquals(LogStatus.PENDING, monitor.statuses().get(0).state());
        LogStatus after = monitor.check(log);
        assertEquals(LogStatus.OK, after.state(), after.detail());
        assertEquals(25, after.lastVerifiedSize());
        assertFalse(monitor.reset(logId));
    }

    @Test
    void marksAnUnreachableLogWithoutRaisingSplitView() throws Exception {
        monitor.check(log);
        log.unreachable(true);
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.UNREACHABLE, status.state());
        assertTrue(status.detail().startsWith("tlog.unavailable"), status.detail());
        assertEquals(10, status.lastVerifiedSize());
        assertTrue(events.isEmpty());
        log.unreachable(false);
        assertEquals(LogStatus.OK, monitor.check(log).state());
    }

    @Test
    void marksALogThatCannotServeAProofUnreachableRatherThanSplit() throws Exception {
        monitor.check(log);
        log.publish(15);
        log.proofsUnreachable(true);
        assertEquals(LogStatus.UNREACHABLE, monitor.check(log).state());
        assertTrue(events.isEmpty());
        assertEquals(10, persistedSize());
    }

    @Test
    void neverAdoptsACheckpointThatTheLogKeyDidNotSign() throws Exception {
        log.signWith(LogKey.ecdsa("log.test/monitored"));
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.UNREACHABLE, status.state());
        assertTrue(status.detail().contains("does not verify"), status.detail());
        assertFalse(new MonitorStore(dir).verified(logId).isPresent());
        assertFalse(Files.exists(dir.resolve(logId + ".split-view")));
    }

    @Test
    void verifiesLogsWithEd25519KeysToo() throws Exception {
        TestLog ed = new TestLog(LogKey.ed25519("log.test/ed"), Tree.of("ed", 9));
        logs.add(ed);
        monitor.checkAll();
        assertEquals(List.of(LogStatus.OK, LogStatus.OK), monitor.statuses().stream().map(LogStatus::state).toList());
        assertEquals(9, monitor.statuses().get(1).lastVerifiedSize());
    }

    @Test
    void listsALogThatWasNotCheckedYetAsPending() {
        LogStatus status = monitor.statuses().get(0);
        assertEquals(LogStatus.PENDING, status.state());
        assertEquals(-1, status.lastVerifiedSize());
        assertEquals("", status.toMap().get("lastCheck"));
    }

    @Test
    void keepsWatchingALogAcrossAKeyRotation() throws Exception {
        monitor.check(log);
        log.rotateTo(LogKey.ecdsa("log.test/monitored"));
        log.publish(20);
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.OK, status.state(), status.detail());
        assertEquals("grew from 10 to 20", status.detail());
        assertEquals(log.descriptor().logId(), status.logId());
        assertEquals(20, new MonitorStore(dir).verified(log.descriptor().logId()).orElseThrow().size());
    }

    @Test
    void raisesSplitViewForAForkPresentedUnderTheNewKey() throws Exception {
        monitor.check(log);
        log.rotateTo(LogKey.ecdsa("log.test/monitored"));
        log.serve(main.fork(7, "fork", 20));
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
        assertEquals(1, events.size());
    }

    @Test
    void keepsASplitViewMarkAcrossAKeyRotationUntilResetByAnyVersionsLogId() throws Exception {
        monitor.check(log);
        log.serve(main.fork(7, "fork", 20));
        monitor.check(log);
        log.serve(main);
        log.rotateTo(LogKey.ecdsa("log.test/monitored"));
        log.publish(25);
        assertEquals(LogStatus.SPLIT_VIEW, monitor.check(log).state());
        assertTrue(monitor.reset(logId));
        assertEquals(LogStatus.OK, monitor.check(log).state());
    }

    @Test
    void acceptsACheckpointOfARetiredVersionButNeverOfARevokedOne() throws Exception {
        log.rotateTo(LogKey.ecdsa("log.test/monitored"));
        log.signWith(key);
        assertEquals(LogStatus.OK, monitor.check(log).state());
        log.revokePrevious();
        log.publish(12);
        LogStatus status = monitor.check(log);
        assertEquals(LogStatus.UNREACHABLE, status.state());
        assertTrue(status.detail().contains("does not verify"), status.detail());
    }
}
