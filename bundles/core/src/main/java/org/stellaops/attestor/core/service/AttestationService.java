package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The Attestor core as front ends see it. Every method that rejects input throws
 * {@link org.stellaops.attestor.sdk.AttestorException} (or a subclass) with a stable code and changes nothing.
 */
@ProviderType
public interface AttestationService {

    /**
     * Accepts a DSSE envelope: parses it strictly, verifies its signatures against the trust roots, validates the
     * predicate with its handler, archives the bytes and stores the record as pending with one target per
     * registered log (the durable outbox), then waits a bounded time for the primary log's entries. Mirrors are
     * published in the background and never waited for. Idempotent on the envelope digest.
     *
     * @param envelopeJson the request body exactly as received
     * @param provenance how it arrived
     * @return the stored record and whether this call created it
     */
    Submission submit(byte[] envelopeJson, Provenance provenance);

    /**
     * Looks up a record by a log-entry uuid (lowercase hex leaf hash) or by {@code sha256:<hex envelope digest>}.
     *
     * @param id the identifier
     * @return the record with the archived envelope bytes, if found
     * @throws org.stellaops.attestor.sdk.AttestorException with code {@code request.bad_id} for a malformed id
     */
    Optional<StoredAttestation> fetch(String id);

    /**
     * Verifies a stored attestation: every signature against the current trust roots, every log entry's leaf,
     * inclusion proof and checkpoint signature.
     *
     * @param id a uuid or {@code sha256:<hex>}
     * @param provenance who asked
     * @return the report
     * @throws org.stellaops.attestor.sdk.AttestorException with code {@code entry.not_found} if unknown
     */
    VerificationReport verifyStored(String id, Provenance provenance);

    /**
     * Verifies an envelope given by value; if it was submitted before, its log entries are verified too.
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
     * Adds a trusted signer key.
     *
     * @param name a human-readable name
     * @param publicKeyPem a PEM SubjectPublicKeyInfo
     * @param provenance who asked
     * @return the key (existing if the same key was added before)
     */
    TrustedKey addTrustedKey(String name, String publicKeyPem, Provenance provenance);

    /** @return every trusted key, revoked ones included */
    List<TrustedKey> trustedKeys();

    /**
     * Revokes a trusted key; it stays listed, marked with the revocation time.
     *
     * @param keyId the key id
     * @param provenance who asked
     * @return the revoked key
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
     * @param limit at most this many
     * @return the newest audit events, newest first
     * @since 1.1
     */
    List<AuditEvent> auditEvents(int limit);

    /**
     * @param limit at most this many
     * @return the newest records, newest first
     */
    List<EntryRecord> recent(int limit);

    /** @return liveness and dependency status */
    Health health();

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
     * @param entries number of stored records
     * @param logs number of transparency logs available
     * @param predicateTypes number of predicate types with a handler
     */
    record Health(boolean ok, long entries, int logs, int predicateTypes) {
    }
}
