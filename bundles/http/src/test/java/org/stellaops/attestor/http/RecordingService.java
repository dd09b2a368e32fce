package org.stellaops.attestor.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.model.KeyAlgorithm;
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
 * {@code unknown} is not found; envelopes verify as not verified, ids as verified. Records and keys put in with
 * {@link #store} and {@link #key} belong to their tenant, as in the real core: another tenant does not find them.
 * Operations these tests never reach fail loudly.
 */
final class RecordingService implements AttestationService {

    final List<List<byte[]>> submittedBatches = new CopyOnWriteArrayList<>();
    final List<List<VerifyRequest>> verifiedBatches = new CopyOnWriteArrayList<>();
    /** Every single verification handed over whole ({@link #verify(VerifyRequest, Provenance)}). */
    final List<VerifyRequest> verifiedRequests = new CopyOnWriteArrayList<>();
    final List<EntryQuery> searches = new CopyOnWriteArrayList<>();
    final List<AuditQuery> auditQueries = new CopyOnWriteArrayList<>();
    final List<Provenance> auditVerifications = new CopyOnWriteArrayList<>();
    /** The tenant argument of every verifyAudit call ("*" for null: the operator's whole chain). */
    final List<String> auditVerificationTenants = new CopyOnWriteArrayList<>();
    /** Security events as "action target outcome actor". */
    final List<String> securityEvents = new CopyOnWriteArrayList<>();
    /** The provenance of every security event. */
    final List<Provenance> securityProvenances = new CopyOnWriteArrayList<>();
    /** The provenance of every batch and verification call. */
    final List<Provenance> provenances = new CopyOnWriteArrayList<>();
    /** Tenants whose records were fetched, in call order. */
    final List<String> fetchTenants = new CopyOnWriteArrayList<>();
    /** Every addTrustedKey call as "name shared tenant". */
    final List<String> addedKeys = new CopyOnWriteArrayList<>();
    private final List<EntryRecord> records = new CopyOnWriteArrayList<>();
    private final Map<String, TrustedKey> keys = new ConcurrentHashMap<>();
    private final Set<String> stored = new HashSet<>();
    volatile AttestorException batchRefusal;
    /** Runs at the start of every submitBatch call with the call's number (1 for the first). */
    volatile java.util.function.IntConsumer beforeBatch = n -> { };
    /** What {@link #batchMaxItems()} answers. */
    volatile int batchMaxItems = 1000;

    /** Stores a record for its tenant ({@link EntryRecord#tenant()}). */
    void store(EntryRecord record) {
        records.add(record);
    }

    /** Stores a trusted key, as its tenant would have added it. */
    TrustedKey key(String keyId, String tenant, boolean shared) {
        TrustedKey key = new TrustedKey(keyId, "key " + keyId.substring(0, 4), KeyAlgorithm.ECDSA_P256_SHA256,
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", Fixtures.T0, null, tenant, shared);
        keys.put(keyId, key);
        return key;
    }

    @Override
    public Optional<StoredAttestation> fetch(String tenant, String id) {
        fetchTenants.add(tenant);
        return records.stream().filter(r -> r.tenant().equals(tenant))
                .filter(r -> r.uuid().equals(id) || r.envelopeDigest().equals(id)).findFirst()
                .map(r -> new StoredAttestation(r, "{\"payloadType\":\"t\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public VerificationReport verifyStored(String id, Provenance provenance) {
        provenances.add(provenance);
        EntryRecord record = fetch(provenance.tenant(), id).orElseThrow(() ->
                new AttestorException("entry.not_found", "no attestation with id " + id)).record();
        return Fixtures.report(record.envelopeDigest(), true);
    }

    /** Requests with RFC 3161 tokens arrive here: they verify when they name a stored id. */
    @Override
    public VerificationReport verify(VerifyRequest request, Provenance provenance) {
        provenances.add(provenance);
        verifiedRequests.add(request);
        String digest = "sha256:" + sha256Hex(request.id() != null ? request.id().getBytes(StandardCharsets.UTF_8)
                : request.envelopeJson());
        return Fixtures.report(digest, request.id() != null);
    }

    @Override
    public TrustedKey addTrustedKey(String name, String publicKeyPem, boolean shared, Provenance provenance) {
        addedKeys.add(name + " " + shared + " " + provenance.tenant());
        String keyId = sha256Hex(publicKeyPem.getBytes(StandardCharsets.UTF_8));
        TrustedKey key = new TrustedKey(keyId, name, KeyAlgorithm.ECDSA_P256_SHA256, publicKeyPem, Fixtures.T0, null,
                provenance.tenant(), shared);
        keys.put(keyId, key);
        return key;
    }

    @Override
    public List<TrustedKey> trustedKeys(String tenant) {
        return keys.values().stream().filter(k -> k.trustedBy(tenant)).toList();
    }

    @Override
    public TrustedKey revokeTrustedKey(String keyId, Provenance provenance) {
        TrustedKey key = keys.get(keyId);
        if (key == null || !key.tenant().equals(provenance.tenant())) {
            throw new AttestorException("trust.key_not_found", "no trusted key " + keyId);
        }
        TrustedKey revoked = new TrustedKey(key.keyId(), key.name(), key.algorithm(), key.publicKeyPem(),
                key.createdAt(), Fixtures.T0.plusSeconds(60), key.tenant(), key.shared());
        keys.put(keyId, revoked);
        return revoked;
    }

    @Override
    public List<LogStatus> logStatus() {
        return List.of(new LogStatus(new LogDescriptor("11".repeat(32), "primary.example", "embedded",
                "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n", "/tlog/"), "primary", true, 4, ""));
    }

    @Override
    public Stats stats(String tenant) {
        return new Stats(tenant, records.stream().filter(r -> r.tenant().equals(tenant)).count(),
                trustedKeys(tenant).size());
    }

    @Override
    public synchronized List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance) {
        provenances.add(provenance);
        submittedBatches.add(List.copyOf(envelopes));
        beforeBatch.accept(submittedBatches.size());
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
                outcomes.add(new BatchOutcome(i, new Submission(Fixtures.record(hex, LogTarget.LOGGED,
                        provenance.tenant()), stored.add(provenance.tenant() + hex)), null));
            }
        }
        return outcomes;
    }

    @Override
    public int batchMaxItems() {
        return batchMaxItems;
    }

    @Override
    public List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance) {
        provenances.add(provenance);
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

    /** What {@link #search} throws instead of answering, when a test sets it. */
    volatile RuntimeException searchFailure;

    @Override
    public EntryPage search(EntryQuery query) {
        searches.add(query);
        RuntimeException failure = searchFailure;
        if (failure != null) {
            throw failure;
        }
        return new EntryPage(List.of(Fixtures.record("ab".repeat(32), LogTarget.LOGGED)), "cursor-2");
    }

    @Override
    public AuditPage audit(AuditQuery query) {
        auditQueries.add(query);
        AuditEvent event = new AuditEvent(Fixtures.T0, "anonymous", "entry.submit", "sha256:" + "ab".repeat(32),
                "success", "127.0.0.1", "created", query.tenant() == null ? "" : query.tenant());
        return new AuditPage(List.of(AuditChain.link(null, event)), 0);
    }

    @Override
    public AuditVerification verifyAudit(String tenant, Provenance provenance) {
        auditVerifications.add(provenance);
        auditVerificationTenants.add(tenant == null ? "*" : tenant);
        return tenant == null ? new AuditVerification(true, 3, 3, "ef".repeat(32), 0, "", List.of())
                : new AuditVerification(true, 1, 0, "", 0, "", List.of());
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
    public VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, List<byte[]> tlogEntries,
                                                        Provenance provenance) {
        throw notInTheseTests();
    }

    @Override
    public List<LogDescriptor> logs() {
        throw notInTheseTests();
    }

    @Override
    public void recordSecurityEvent(String action, String target, String outcome, String detail,
            Provenance provenance) {
        securityEvents.add(action + " " + target + " " + outcome + " " + provenance.principal());
        securityProvenances.add(provenance);
    }

    @Override
    public List<AuditEvent> auditEvents(String tenant, int limit) {
        throw notInTheseTests();
    }

    @Override
    public List<EntryRecord> recent(String tenant, int limit) {
        throw notInTheseTests();
    }

    @Override
    public Health health() {
        return new Health(true, 1, 2);
    }
}
