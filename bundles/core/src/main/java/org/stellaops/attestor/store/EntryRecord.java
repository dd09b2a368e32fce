package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;

/**
 * The stored record of one accepted attestation. The envelope itself lives in the content store; this record
 * holds what was derived from it and where it was logged. Records are immutable values; a store replaces a record
 * only through {@link EntryStore#replace}.
 *
 * @param envelopeDigest {@code sha256:<hex>} of the JCS form of the envelope: the dedupe key
 * @param uuid the primary log's uuid of the first signature (lowercase hex leaf hash)
 * @param status {@code logged} once every log entry is present, {@code pending} otherwise
 * @param casDigest lowercase hex SHA-256 of the envelope bytes as received, the content-store address
 * @param payloadType the DSSE payload type
 * @param statementType the in-toto {@code _type}
 * @param predicateType the in-toto predicate type
 * @param subjects the statement's subjects
 * @param signerKeyIds the distinct trusted key ids whose signatures verified, sorted
 * @param logEntries one entry per signature per log
 * @param facts facts derived by the predicate handler (derived data, never part of the envelope)
 * @param derivedBy which code derived the facts, e.g. {@code org.stellaops.attestor.predicate-slsa/0.1.0}
 * @param createdAt when the record was first stored
 * @param provenance how the attestation arrived
 */
public record EntryRecord(String envelopeDigest, String uuid, String status, String casDigest, String payloadType,
                          String statementType, String predicateType, List<Subject> subjects,
                          List<String> signerKeyIds, List<LogEntry> logEntries, Map<String, Object> facts,
                          String derivedBy, Instant createdAt, Provenance provenance) {

    /** Status of a record whose log entries are all present. */
    public static final String LOGGED = "logged";
    /** Status of a record still waiting for a log. */
    public static final String PENDING = "pending";

    /**
     * Validates and copies.
     *
     * @param envelopeDigest not null
     * @param uuid not null
     * @param status not null
     * @param casDigest not null
     * @param payloadType not null
     * @param statementType not null
     * @param predicateType not null
     * @param subjects not null
     * @param signerKeyIds not null
     * @param logEntries not null
     * @param facts not null
     * @param derivedBy not null
     * @param createdAt not null
     * @param provenance not null
     */
    public EntryRecord {
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(casDigest, "casDigest");
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(statementType, "statementType");
        Objects.requireNonNull(predicateType, "predicateType");
        subjects = List.copyOf(subjects);
        signerKeyIds = List.copyOf(signerKeyIds);
        logEntries = List.copyOf(logEntries);
        facts = Map.copyOf(facts);
        Objects.requireNonNull(derivedBy, "derivedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(provenance, "provenance");
    }
}
