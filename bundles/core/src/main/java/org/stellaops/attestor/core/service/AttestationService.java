package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The Attestor core as front ends see it. Every method that rejects input throws
 * {@link org.stellaops.attestor.sdk.AttestorException} (or a subclass) with a stable code and changes nothing.
 *
 * <p>Everything is tenant-scoped ({@code docs/dev/tenancy.md}): writes belong to {@link Provenance#tenant()}, reads
 * take the tenant explicitly and never return, count or hint at another tenant's data, and verification trusts only
 * the tenant's own keys and shared keys. Front ends decide who is the operator; methods that accept a null tenant
 * ("every tenant") are for operator views only.
 */
@ProviderType
public interface AttestationService {

    /**
     * Accepts a DSSE envelope: parses it strictly, verifies its signatures against the trust roots, validates the
     * predicate with its handler, archives the bytes and stores the record as pending with one target per
     * registered log (the durable outbox), then waits a bounded time for the primary log's entries. Mirrors are
     * published in the background and never waited for. Idempotent on (tenant, envelope digest); the same envelope
     * submitted by another tenant makes that tenant its own record.
     *
     * @param envelopeJson the request body exactly as received
     * @param provenance how it arrived, and the tenant that will own the record
     * @return the stored record and whether this call created it
     */
    Submission submit(byte[] envelopeJson, Provenance provenance);

    /**
     * Writes a security event that happened outside the core, such as a refused authentication or authorisation,
     * or a rate-limited caller, to the audit trail (asynchronously, with backpressure: never dropped).
     *
     * @param action what was attempted, e.g. {@code auth.authenticate} or {@code auth.authorize}
     * @param target what it was attempted on, e.g. {@code POST /api/v1/rekor/entries}
     * @param outcome the stable code of the refusal, e.g. {@code auth.token_expired}
     * @param detail a short reason; never token or key material
     * @param provenance who (or {@code anonymous}) and from where
     */
    void recordSecurityEvent(String action, String target, String outcome, String detail, Provenance provenance);

    /**
     * Looks up a tenant's record by a log-entry uuid (lowercase hex leaf hash) or by
     * {@code sha256:<hex envelope digest>}.
     *
     * @param tenant the tenant that owns the record
     * @param id the identifier
     * @return the record with the archived envelope bytes, if the tenant has it
     * @throws org.stellaops.attestor.sdk.AttestorException with code {@code request.bad_id} for a malformed id
     */
    Optional<StoredAttestation> fetch(String tenant, String id);

    /**
     * Verifies one of the asking tenant's stored attestations: every signature against the tenant's current trust
     * roots, every log entry's leaf, inclusion proof and checkpoint signature.
     *
     * @param id a uuid or {@code sha256:<hex>}
     * @param provenance who asked, and for which tenant
     * @return the report
     * @throws org.stellaops.attestor.sdk.AttestorException with code {@code entry.not_found} if the tenant has no
     *                                                     such record
     */
    VerificationReport verifyStored(String id, Provenance provenance);

    /**
     * Verifies an envelope given by value with the asking tenant's trust roots; if the tenant submitted it before,
     * its log entries are verified too.
     *
     * @param envelopeJson the envelope JSON
     * @param provenance who asked
     * @return the report
     */
    VerificationReport verifyEnvelope(byte[] envelopeJson, Provenance provenance);

    /**
     * Verifies an envelope against log entries the caller supplies (offline proofs, for example a Sigstore bundle's
     * {@code tlogEntries}), whether or not it was ever submitted here: each entry's body must be what one of the
     * envelope's trusted signatures is logged as, its inclusion proof must reach its checkpoint's root, and the
     * checkpoint must be signed by the registered log with that id; known witness cosignatures are counted.
     *
     * @param envelopeJson the envelope JSON
     * @param tlogEntries Rekor v2 {@code TransparencyLogEntry} JSON documents, 1 to 64
     * @param provenance who asked
     * @return the report
     * @throws org.stellaops.attestor.sdk.AttestorException {@code request.malformed} if an entry cannot be read
     * @since 1.2
     */
    VerificationReport verifyEnvelopeWithEntries(byte[] envelopeJson, java.util.List<byte[]> tlogEntries,
                                                 Provenance provenance);

    /**
     * Verifies one request exactly as {@link #verifyStored}, {@link #verifyEnvelope} or
     * {@link #verifyEnvelopeWithEntries} would, plus its RFC 3161 time-stamp tokens: each must verify against a
     * configured time-stamping authority over the bytes of one of the envelope's signatures (else the report does not
     * verify), and when every signature a trusted key verified is covered, the tokens' time is a trusted time of the
     * attestation. The default implementation verifies the request as a batch of one.
     *
     * @param request what to verify
     * @param provenance who asked, and for which tenant
     * @return the report
     * @throws org.stellaops.attestor.sdk.AttestorException as the method for the request's kind would
     * @since 2.4
     */
    default VerificationReport verify(VerifyRequest request, Provenance provenance) {
        VerifyOutcome outcome = verifyBatch(List.of(request), provenance).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.report();
    }

    /**
     * Adds a trusted signer key to the asking tenant's trust roots.
     *
     * @param name a human-readable name
     * @param publicKeyPem a PEM SubjectPublicKeyInfo
     * @param shared whether every tenant trusts it; the front end allows this to the operator only
     * @param provenance who asked, and for which tenant
     * @return the key (existing if the tenant added the same key before)
     */
    TrustedKey addTrustedKey(String name, String publicKeyPem, boolean shared, Provenance provenance);

    /**
     * @param tenant a tenant
     * @return the keys that verify the tenant's envelopes: its own and every shared key, revoked ones included
     */
    List<TrustedKey> trustedKeys(String tenant);

    /**
     * Revokes one of the asking tenant's trusted keys; it stays listed, marked with the revocation time.
     *
     * @param keyId the key id
     * @param provenance who asked, and for which tenant
     * @return the revoked key
     * @throws org.stellaops.attestor.sdk.AttestorException {@code trust.key_not_found} if the tenant has no such key
     */
    TrustedKey revokeTrustedKey(String keyId, Provenance provenance);

    /** @return the configured transparency logs, primary first */
    List<LogDescriptor> logs();

    /**
     * @return the registered logs, primary first, with their role, health as the publisher last saw it and outbox
     *         backlog
     * @since 1.1
     */
    List<LogStatus> logStatus();

    /**
     * @param tenant a tenant, or null for every tenant (operator views only)
     * @param limit at most this many
     * @return the newest audit events, newest first
     */
    List<AuditEvent> auditEvents(String tenant, int limit);

    /**
     * @param tenant a tenant, or null for every tenant (operator views only)
     * @param limit at most this many
     * @return the newest records, newest first
     */
    List<EntryRecord> recent(String tenant, int limit);

    /**
     * Submits many envelopes as one request. Each item is handled exactly as {@link #submit} would handle it on
     * its own (same checks, same idempotence, same audit events); one bad item never fails the others. Items are
     * checked in parallel and their primary-log results awaited together, so a batch costs far less than its
     * items one by one.
     *
     * @param envelopes the envelopes, each exactly as received
     * @param provenance how the batch arrived (shared by its items)
     * @return one outcome per item, in request order
     * @since 1.3
     */
    List<BatchOutcome> submitBatch(List<byte[]> envelopes, Provenance provenance);

    /**
     * @return the most items {@link #submitBatch} and {@link #verifyBatch} take in one call (more are refused with
     *         {@code request.batch_too_large}); a front end that streams a batch in slices keeps the whole request
     *         within this limit too
     * @since 2.0
     */
    int batchMaxItems();

    /**
     * Verifies many items; each as {@link #verify(VerifyRequest, Provenance)} would on its own (so as
     * {@link #verifyStored} or {@link #verifyEnvelopeWithEntries}, with the item's RFC 3161 tokens).
     *
     * @param requests the items
     * @param provenance how the batch arrived
     * @return one outcome per item, in request order
     * @since 1.3
     */
    List<VerifyOutcome> verifyBatch(List<VerifyRequest> requests, Provenance provenance);

    /**
     * @param query the tenant, filters, page size and cursor
     * @return one page of the tenant's records, newest first
     * @throws org.stellaops.attestor.sdk.AttestorException with code {@code request.invalid} for a malformed cursor
     * @since 1.3
     */
    EntryPage search(EntryQuery query);

    /**
     * @param query the tenant (null: every tenant, operator views only), filters, page size and position
     * @return one page of audit events, newest first
     * @since 1.3
     */
    AuditPage audit(AuditQuery query);

    /**
     * Walks the whole audit hash chain and checks every link and every anchor of the chain head in a transparency
     * log. Writes an audit event itself (after the walk). The chain is shared by every tenant, so a tenant's answer
     * says only whether the chain is intact and how many of the tenant's own events were checked: no head, no
     * sequence numbers, no anchors.
     *
     * @param tenant the tenant asking, or null for the operator's full answer
     * @param provenance who asked
     * @return the result, with the first broken link if any (operator answer only)
     */
    AuditVerification verifyAudit(String tenant, Provenance provenance);

    /**
     * @return hit, miss and size counts of the verification cache
     * @since 1.3
     */
    CacheStats verificationCache();

    /**
     * The outcome of one batch item: exactly one of {@code submission} and {@code failure} is set.
     *
     * @param index the item's position in the request, from 0
     * @param submission the result, or null
     * @param failure why the item was refused (an {@link org.stellaops.attestor.sdk.AttestorException} carrying a
     *                stable code, or a storage failure), or null
     */
    record BatchOutcome(int index, Submission submission, RuntimeException failure) {
    }

    /**
     * One verification request: either {@code id} (a uuid or {@code sha256:<digest>} of a stored record) or
     * {@code envelopeJson} (optionally with {@code tlogEntries}, for offline verification), either optionally with
     * RFC 3161 time-stamp tokens over the envelope's signatures.
     *
     * @param id the stored record's id, or null
     * @param envelopeJson the envelope, or null
     * @param tlogEntries Rekor v2 TransparencyLogEntry JSON documents supplied with the envelope (may be empty)
     * @param rfc3161Timestamps DER RFC 3161 time-stamp tokens (or whole time-stamp responses), each over the bytes of
     *                          one DSSE signature of the envelope, as in a Sigstore bundle (may be empty; at most
     *                          {@value #MAX_TIMESTAMPS}); since 2.4
     */
    record VerifyRequest(String id, byte[] envelopeJson, List<byte[]> tlogEntries, List<byte[]> rfc3161Timestamps) {

        /** The most time-stamp tokens one request may bring. */
        public static final int MAX_TIMESTAMPS = 16;

        /**
         * @param id exactly one of id and envelopeJson is set
         * @param envelopeJson exactly one of id and envelopeJson is set
         * @param tlogEntries null means none
         * @param rfc3161Timestamps null means none
         */
        public VerifyRequest {
            if ((id == null) == (envelopeJson == null)) {
                throw new IllegalArgumentException("exactly one of id and envelope must be given");
            }
            tlogEntries = tlogEntries == null ? List.of() : List.copyOf(tlogEntries);
            rfc3161Timestamps = rfc3161Timestamps == null ? List.of() : List.copyOf(rfc3161Timestamps);
        }

        /**
         * A request without time-stamp tokens.
         *
         * @param id exactly one of id and envelopeJson is set
         * @param envelopeJson exactly one of id and envelopeJson is set
         * @param tlogEntries null means none
         */
        public VerifyRequest(String id, byte[] envelopeJson, List<byte[]> tlogEntries) {
            this(id, envelopeJson, tlogEntries, null);
        }
    }

    /**
     * The outcome of one verification of a batch: exactly one of {@code report} and {@code failure} is set.
     *
     * @param index the item's position in the request, from 0
     * @param report the report, or null
     * @param failure why the item could not be verified (e.g. unknown id, malformed envelope), or null
     */
    record VerifyOutcome(int index, VerificationReport report, RuntimeException failure) {
    }

    /**
     * The result of walking the audit chain.
     *
     * @param intact true if every link and every anchor holds
     * @param checked how many events were checked (a tenant's answer: how many of its events)
     * @param headSeq the last event's sequence number (0 when the trail is empty)
     * @param headHash the last event's hash ({@code AuditChain.GENESIS} when empty)
     * @param firstBrokenSeq the sequence number of the first broken link, or 0 if none
     * @param reason why that link is broken, or empty
     * @param anchors every anchor of the chain found in the trail, oldest first
     */
    record AuditVerification(boolean intact, long checked, long headSeq, String headHash, long firstBrokenSeq,
                             String reason, List<AuditAnchor> anchors) {
        /**
         * @param anchors copied
         */
        public AuditVerification {
            anchors = List.copyOf(anchors);
        }
    }

    /**
     * One anchoring of the audit chain head in a transparency log.
     *
     * @param seq the anchored event's sequence number
     * @param hash the anchored hash
     * @param logId the log's id (lowercase hex)
     * @param uuid the log entry's uuid
     * @param logIndex the log entry's index
     * @param matchesChain whether the chain still has {@code hash} at {@code seq}
     * @param proofVerified whether the log entry's inclusion proof and checkpoint signature verify
     */
    record AuditAnchor(long seq, String hash, String logId, String uuid, long logIndex, boolean matchesChain,
                       boolean proofVerified) {
    }

    /**
     * Verification cache counters since the service started.
     *
     * @param hits answers served from the cache
     * @param misses verifications computed
     * @param entries reports held now
     * @param invalidations entries dropped because a trust root, key or policy changed
     */
    record CacheStats(long hits, long misses, long entries, long invalidations) {
    }

    /** @return liveness and dependency status; counts nothing that belongs to a tenant */
    Health health();

    /**
     * @param tenant a tenant
     * @return the tenant's own figures
     * @since 2.0
     */
    Stats stats(String tenant);

    /**
     * One tenant's figures.
     *
     * @param tenant the tenant
     * @param entries how many records the tenant has
     * @param trustedKeys how many keys verify the tenant's envelopes (its own and shared ones, revoked included)
     */
    record Stats(String tenant, long entries, long trustedKeys) {
    }

    /**
     * The result of {@link #submit}.
     *
     * @param record the stored record
     * @param created whether this call stored it (false: it was a duplicate)
     */
    record Submission(EntryRecord record, boolean created) {

        /**
         * @return whether the primary log holds every entry of the record (the answer is final: 201 or 200);
         *         false while it is pending (202)
         */
        public boolean primaryLogged() {
            return record.primaryLogged();
        }
    }

    /**
     * One registered log as the publisher sees it.
     *
     * @param descriptor the log's identity
     * @param role {@code primary} or {@code mirror}
     * @param available false after a failure to reach it, until it answers again
     * @param pendingTargets records waiting to be published to it, as counted by the last outbox scan
     * @param lastError the last failure, or empty
     */
    record LogStatus(LogDescriptor descriptor, String role, boolean available, long pendingTargets,
                     String lastError) {
    }

    /**
     * A stored record with the envelope bytes as received.
     *
     * @param record the record
     * @param envelopeJson the archived envelope bytes
     */
    record StoredAttestation(EntryRecord record, byte[] envelopeJson) {
    }

    /**
     * Service health.
     *
     * @param ok whether every required dependency is present
     * @param logs number of transparency logs available
     * @param predicateTypes number of predicate types with a handler
     */
    record Health(boolean ok, int logs, int predicateTypes) {
    }
}
