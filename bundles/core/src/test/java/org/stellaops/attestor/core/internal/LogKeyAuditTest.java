package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.Tenants;

class LogKeyAuditTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-09-01T00:00:00Z");

    private final MemoryStores.Audit store = new MemoryStores.Audit();
    private final List<Event> posted = new ArrayList<>();
    private final LogKeyAudit audit = audit(store, posted);

    private static LogKeyAudit audit(MemoryStores.Audit store, List<Event> posted) {
        Auditor auditor = new Auditor(store, Clock.systemUTC());
        auditor.setEventAdmin(new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                posted.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                posted.add(event);
            }
        });
        return new LogKeyAudit(store, auditor);
    }

    private static LogKeyVersion version(int n, Instant from, Instant retired, Instant revoked, String reason) {
        return new LogKeyVersion(n, String.valueOf(n).repeat(64), "pem" + n, null, from, retired, revoked, reason);
    }

    private static LogDescriptor log(LogKeyVersion... versions) {
        LogKeyVersion current = versions[versions.length - 1];
        return new LogDescriptor(current.logId(), "log.test", "embedded", current.publicKeyPem(), "",
                List.of(versions));
    }

    private List<String> actions() {
        return store.recentEvents(100).stream().map(e -> e.action() + " " + e.target().charAt(0)).sorted().toList();
    }

    @Test
    void auditsNothingForALogThatNeverRotated() {
        audit.observe(log(version(1, Instant.EPOCH, null, null, null)));
        assertEquals(List.of(), actions());
        assertEquals(List.of(), posted);
    }

    @Test
    void auditsEachRotationOnceHoweverOftenTheLogRegisters() {
        LogDescriptor rotated = log(version(1, T0, T1, null, null), version(2, T1, T2, null, null),
                version(3, T2, null, null, null));
        audit.observe(rotated);
        audit.observe(rotated);
        assertEquals(List.of("key.rotated 2", "key.rotated 3"), actions());
        assertEquals(List.of("org/stellaops/attestor/key/ROTATED", "org/stellaops/attestor/key/ROTATED"),
                posted.stream().map(Event::getTopic).toList());
        assertEquals("log", posted.get(0).getProperty("owner"));
    }

    @Test
    void auditsARevocationOnceItAppearsInALaterRegistration() {
        audit.observe(log(version(1, T0, T1, null, null), version(2, T1, null, null, null)));
        audit.observe(log(version(1, T0, T1, T2, "superseded"), version(2, T1, null, null, null)));
        audit.observe(log(version(1, T0, T1, T2, "superseded"), version(2, T1, null, null, null)));
        assertEquals(List.of("key.revoked 1", "key.rotated 2"), actions());
    }

    @Test
    void raisesTheCompromiseAlertOnceForALogKeyRevokedForCompromise() {
        LogDescriptor compromised = log(version(1, T0, T1, T2, "key compromise"), version(2, T1, null, null, null));
        audit.observe(compromised);
        audit.observe(compromised);
        assertEquals(List.of("key.compromised 1", "key.rotated 2"), actions());
        assertEquals(1, posted.stream().filter(e -> e.getTopic().equals("org/stellaops/attestor/alert/KEY_COMPROMISED"))
                .count());
    }

    @Test
    void trustsTheTrailNotMemoryAcrossRestarts() {
        LogDescriptor rotated = log(version(1, T0, T1, null, null), version(2, T1, null, null, null));
        audit.observe(rotated);
        audit(store, posted).observe(rotated);
        assertEquals(List.of("key.rotated 2"), actions());
    }

    @Test
    void recordsLogKeyEventsAsTheDeploymentsOwn() {
        audit.observe(log(version(1, T0, T1, null, null), version(2, T1, null, null, null)));
        AuditEvent event = store.recentEvents(1).get(0);
        assertEquals(Tenants.OPERATOR, event.tenant());
        assertEquals("system", event.actor());
    }
}
