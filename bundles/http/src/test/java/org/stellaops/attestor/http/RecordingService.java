package org.stellaops.attestor.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The core as the API servlet sees it, for tests of the HTTP layer alone: it records exactly what it was handed and
 * answers by simple rules. An envelope containing {@code "sig":"bad"} fails with {@code signature.invalid}, one
 * containing {@code "boom"} fails with a bug; any other is stored (created the first time, existing after). An id
 * {@code unknown} is not found; envelopes verify as not verified, ids as verified. Operations these tests never
 * reach fail loudly.
 */
final class RecordingService implements AttestationService {

    final List<List<byte[]>> submittedBatches = new CopyOnWriteArrayList<>();
    final List<List<VerifyRequest>> verifiedBatches = new CopyOnWriteArrayList<>();
    final List<EntryQuery> searches = new CopyOnWriteArrayList<>();
    final List<AuditQuery> auditQueries = new CopyOnWriteArrayList<>();
    final List<Provenance> auditVerifications = new CopyOnWriteArrayList<>();
    /** Security events as "action target outcome actor". */
    final List<String> securityEvents = new CopyOnWriteArrayList<>();
    private final Set<String> stored = new HashSet<>();
    volatile AttestorException batchRefusal;

    @Override
    public synchronized List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance) {
        submittedBatches.add(List.copyOf(envelopes));
        if (batchRefusal != null) {
            throw batchRefusal;
        }
        List<BatchOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            String text = new String(envelopes.get(i), StandardCharsets.UTF_8);
            if (text.contains("\"sig\":\"bad\"")) {
                outcomes.add(new BatchOutcome(i, null, new AttestorException("signature.invalid",
                        "a signature names a trusted key but does not verify")));
            } else if (text.contains("boom")) {
                outcomes.add(new BatchOutcome(i, null, new IllegalStateException("boom")));
            } else {
                String hex = sha256Hex(envelopes.get(i));
                outcomes.add(new BatchOutcome(i, new Submission(Fixtures.record(hex, LogTarget.LOGGED),
                        stored.add(hex)), null));
            }
        }
        return outcomes;
    }

    @Override
    public List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance) {
        verifiedBatches.add(List.copyOf(requests));
        List<VerifyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            VerifyRequest r = requests.get(i);
            if ("unknown".equals(r.id())) {
                outcomes.add(new VerifyOutcome(i, null, new AttestorException("entry.not_found", "no such entry")));
            } else {
                String digest = "sha256:" + sha256Hex(r.id() != null ? r.id().getBytes(StandardCharsets.UTF_8)
                        : r.envelopeJson());
                outcomes.add(new VerifyOutcome(i, Fixtures.report(digest, r.id() != null), null));
            }
        }
        return outcomes;
    }

    @Override
    public EntryPage search(EntryQuery query) {
        searches.add(query);
        return new EntryPage(List.of(Fixtures.record("ab".repeat(32), LogTarget.LOGGED)), "cursor-2");
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        auditQueries.add(query);
        AuditEvent event = new AuditEvent(Fixtures.T0, "anonymous", "entry.submit", "sha256:" + "ab".repeat(32),
                "success", "127.0.0.1", "created");
        return new AuditPage(List.of(AuditChain.link(null, event)), 0);
    }

    @Override
    public AuditVerification verifyAudit(Provenance provenance) {
        auditVerifications.add(provenance);
        return new AuditVerification(true, 3, 3, "ef".repeat(32), 0, "", List.of());
    }

    @Override
    public CacheStats verificationCache() {
        return new CacheStats(5, 7, 2, 1);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnsupportedOperationException notInTheseTests() {
        return new UnsupportedOperationException("not reached by the HTTP layer tests");
    }

    @Override
    public Submission submit(byte[] envelopeJson, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public Optional<StoredAttestation> fetch(String id) {
        throw notInTheseTests();
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public List<TrustedKey> trustedKeys() {
        throw notInTheseTests();
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public List<LogDescriptor> logs() {
        throw notInTheseTests();
    }

    @Override
    public List<LogStatus> logStatus() {
        throw notInTheseTests();
    }

    @Override
    public void recordSecurityEvent(String action, String target, String outcome, String detail,
            Provenance provenance) {
        securityEvents.add(action + " " + target + " " + outcome + " " + provenance.principal());
    }

    @Override
    public List<AuditEvent> auditEvents(int limit) {
        throw notInTheseTests();
    }

    @Override
    public List<EntryRecord> recent(int limit) {
        throw notInTheseTests();
    }

    @Override
    public Health health() {
        throw notInTheseTests();
    }
}
