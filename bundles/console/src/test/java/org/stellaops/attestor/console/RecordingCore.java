package org.stellaops.attestor.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The core as the console sees it: records and audit events per tenant, kept as the real core keeps them (a tenant
 * reads only its own; a null tenant reads every tenant's), and every call the console makes recorded. Operations
 * the console never calls fail loudly.
 */
final class RecordingCore implements AttestationService {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    final List<EntryRecord> records = new CopyOnWriteArrayList<>();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    /** The tenant argument of every recent and auditEvents call ("*" for null). */
    final List<String> reads = new CopyOnWriteArrayList<>();
    /** The provenance of every verification and security event. */
    final List<Provenance> provenances = new CopyOnWriteArrayList<>();
    /** Every security event: action, target and outcome. */
    final List<String> securityEvents = new CopyOnWriteArrayList<>();

    static EntryRecord record(String digestHex, String tenant, String predicateType) {
        return new EntryRecord("sha256:" + digestHex, digestHex, EntryRecord.LOGGED, digestHex,
                "application/vnd.in-toto+json", "https://in-toto.io/Statement/v1", predicateType, List.of(),
                List.of("k1"), List.of(), Map.of(), "test/1", T0,
                new Provenance("POST /api/v1/rekor/entries", "test#ci", "127.0.0.1", tenant));
    }

    static AuditEvent event(String tenant, String detail) {
        return new AuditEvent(T0, "test#ci", "entry.submit", "sha256:00", "success", "127.0.0.1", detail, tenant);
    }

    @Override
    public List<EntryRecord> recent(String tenant, int limit) {
        reads.add(tenant == null ? "*" : tenant);
        return records.stream().filter(r -> tenant == null || r.tenant().equals(tenant)).limit(limit).toList();
    }

    @Override
    public List<AuditEvent> auditEvents(String tenant, int limit) {
        reads.add(tenant == null ? "*" : tenant);
        return events.stream().filter(e -> tenant == null || e.tenant().equals(tenant)).limit(limit).toList();
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        provenances.add(provenance);
        EntryRecord record = records.stream().filter(r -> r.tenant().equals(provenance.tenant())
                && r.envelopeDigest().equals(id)).findFirst()
                .orElseThrow(() -> new AttestorException("entry.not_found", "no attestation with id " + id));
        return VerificationReport.of(record.envelopeDigest(), List.of(new VerificationReport.Check("signers", true,
                "1 trusted")));
    }

    @Override
    public Stats stats(String tenant) {
        return new Stats(tenant, records.stream().filter(r -> r.tenant().equals(tenant)).count(), 0);
    }

    @Override
    public void recordSecurityEvent(String action, String target, String outcome, String detail,
            Provenance provenance) {
        securityEvents.add(action + " " + target + " " + outcome);
        provenances.add(provenance);
    }

    private static UnsupportedOperationException notByTheConsole() {
        return new UnsupportedOperationException("the console does not call this");
    }

    @Override
    public Submission submit(byte[] envelopeJson, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public Optional<StoredAttestation> fetch(String tenant, String id) {
        throw notByTheConsole();
    }

    @Override
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, boolean shared, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public List<TrustedKey> trustedKeys(String tenant) {
        throw notByTheConsole();
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public List<LogDescriptor> logs() {
        throw notByTheConsole();
    }

    @Override
    public List<LogStatus> logStatus() {
        throw notByTheConsole();
    }

    @Override
    public List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public int batchMaxItems() {
        throw notByTheConsole();
    }

    @Override
    public EntryPage search(EntryQuery query) {
        throw notByTheConsole();
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        throw notByTheConsole();
    }

    @Override
    public AuditVerification verifyAudit(String tenant, Provenance provenance) {
        throw notByTheConsole();
    }

    @Override
    public CacheStats verificationCache() {
        throw notByTheConsole();
    }

    @Override
    public Health health() {
        throw notByTheConsole();
    }
}
