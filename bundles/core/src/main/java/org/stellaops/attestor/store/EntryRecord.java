package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;

/**
 * The stored record of one accepted attestation. The envelope itself lives in the content store; this record
 * holds what was derived from it, how each verified signature is logged, and its publication state in every
 * transparency log. A record whose status is {@link #PENDING} is an outbox entry: the publisher finds it again
 * through {@link EntryStore#pending(int)} until every log target is settled. Records are immutable values; a store
 * replaces a record only through {@link EntryStore#replaceIf}.
 *
 * @param envelopeDigest {@code sha256:<hex>} of the JCS form of the envelope: with the tenant, the dedupe key
 * @param uuid the uuid of the first covered signature's entry (lowercase hex leaf hash of its hashedrekord body);
 *             fixed at creation, before any log answers
 * @param status {@link #PENDING}, {@link #LOGGED}, {@link #LOGGED_PARTIAL} or {@link #FAILED}, derived from the
 *               targets by {@link #statusOf(List)}
 * @param casDigest lowercase hex SHA-256 of the envelope bytes as received, the content-store address
 * @param payloadType the DSSE payload type
 * @param statementType the in-toto {@code _type}
 * @param predicateType the in-toto predicate type
 * @param subjects the statement's subjects
 * @param signerKeyIds the distinct trusted key ids whose signatures verified, sorted
 * @param signatures how each verified signature is logged (empty for records written before coverage existed)
 * @param logs one publication target per transparency log
 * @param receipts the service receipts of signatures logged {@code via receipt}
 * @param facts facts derived by the predicate handler (derived data, never part of the envelope)
 * @param derivedBy which code derived the facts, e.g. {@code org.stellaops.attestor.predicate-slsa/0.1.0}
 * @param createdAt when the record was first stored
 * @param provenance how the attestation arrived, including the tenant that owns the record
 */
public record EntryRecord(String envelopeDigest, String uuid, String status, String casDigest, String payloadType,
                          String statementType, String predicateType, List<Subject> subjects,
                          List<String> signerKeyIds, List<SignatureCoverage> signatures, List<LogTarget> logs,
                          List<Receipt> receipts, Map<String, Object> facts, String derivedBy, Instant createdAt,
                          Provenance provenance) {

    /** Every log target holds every entry. */
    public static final String LOGGED = "logged";
    /** At least one log target is still being published (or no log target exists yet). */
    public static final String PENDING = "pending";
    /** Nothing is pending, some targets are logged, and at least one log refused an entry for good. */
    public static final String LOGGED_PARTIAL = "logged-partial";
    /** Every log refused the entries for good. */
    public static final String FAILED = "failed";

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
     * @param signatures not null
     * @param logs not null
     * @param receipts not null
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
        signatures = List.copyOf(signatures);
        logs = List.copyOf(logs);
        receipts = List.copyOf(receipts);
        facts = Map.copyOf(facts);
        Objects.requireNonNull(derivedBy, "derivedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The record as it was before per-log targets existed: {@code logEntries} become one logged target per log
     * (see {@link LogTarget#fromLegacy(List)}); there is no signature coverage and there are no receipts.
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
    public EntryRecord(String envelopeDigest, String uuid, String status, String casDigest, String payloadType,
                       String statementType, String predicateType, List<Subject> subjects, List<String> signerKeyIds,
                       List<LogEntry> logEntries, Map<String, Object> facts, String derivedBy, Instant createdAt,
                       Provenance provenance) {
        this(envelopeDigest, uuid, status, casDigest, payloadType, statementType, predicateType, subjects,
                signerKeyIds, List.of(), LogTarget.fromLegacy(logEntries), List.of(), facts, derivedBy, createdAt,
                provenance);
    }

    /**
     * The status a record with these targets has: {@link #PENDING} if any target is pending or there is none,
     * {@link #LOGGED} if all are logged, {@link #LOGGED_PARTIAL} if some are logged and the others failed,
     * {@link #FAILED} if all failed.
     *
     * @param logs the targets
     * @return the status
     */
    public static String statusOf(List<LogTarget> logs) {
        if (logs.isEmpty() || logs.stream().anyMatch(LogTarget::pending)) {
            return PENDING;
        }
        if (logs.stream().allMatch(LogTarget::logged)) {
            return LOGGED;
        }
        return logs.stream().anyMatch(LogTarget::logged) ? LOGGED_PARTIAL : FAILED;
    }

    /**
     * @param newLogs the new targets
     * @return a copy with these targets and the status derived from them
     */
    public EntryRecord withLogs(List<LogTarget> newLogs) {
        return new EntryRecord(envelopeDigest, uuid, statusOf(newLogs), casDigest, payloadType, statementType,
                predicateType, subjects, signerKeyIds, signatures, newLogs, receipts, facts, derivedBy, createdAt,
                provenance);
    }

    /** @return every log entry of every target, targets in order (primary first) */
    public List<LogEntry> logEntries() {
        return logs.stream().flatMap(t -> t.entries().stream()).map(CoveredEntry::entry).toList();
    }

    /**
     * The record's identity is (tenant, envelope digest): the same envelope submitted by two tenants makes two
     * independent records.
     *
     * @return the tenant that owns the record, {@code provenance().tenant()}
     */
    public String tenant() {
        return provenance.tenant();
    }

    /** @return whether the record is still being published */
    public boolean pending() {
        return PENDING.equals(status);
    }

    /** @return whether there is a primary target and every primary target holds every entry */
    public boolean primaryLogged() {
        return logs.stream().anyMatch(LogTarget::primary)
                && logs.stream().filter(LogTarget::primary).allMatch(LogTarget::logged);
    }

    /**
     * @param logId a log id
     * @return this record's target in that log
     */
    public Optional<LogTarget> log(String logId) {
        return logs.stream().filter(t -> t.logId().equals(logId)).findFirst();
    }

    /**
     * @param signatureIndex a signature index
     * @return the receipt logged for that signature, if it is covered via a receipt
     */
    public Optional<Receipt> receipt(int signatureIndex) {
        return receipts.stream().filter(r -> r.signatureIndex() == signatureIndex).findFirst();
    }

    /**
     * The rule of {@link EntryStore#replaceIf}: records are append-only except for their publication state
     * ({@code status}, {@code signatures}, {@code logs}, {@code receipts}); the indexes of every store rely on it.
     *
     * @param next the version to store in place of this one
     * @throws IllegalArgumentException naming every other part that {@code next} changes
     */
    public void checkReplacement(EntryRecord next) {
        Objects.requireNonNull(next, "next");
        List<String> changed = new ArrayList<>();
        unchanged(changed, "envelopeDigest", envelopeDigest, next.envelopeDigest);
        unchanged(changed, "uuid", uuid, next.uuid);
        unchanged(changed, "casDigest", casDigest, next.casDigest);
        unchanged(changed, "payloadType", payloadType, next.payloadType);
        unchanged(changed, "statementType", statementType, next.statementType);
        unchanged(changed, "predicateType", predicateType, next.predicateType);
        unchanged(changed, "subjects", subjects, next.subjects);
        unchanged(changed, "signerKeyIds", signerKeyIds, next.signerKeyIds);
        unchanged(changed, "facts", facts, next.facts);
        unchanged(changed, "derivedBy", derivedBy, next.derivedBy);
        unchanged(changed, "createdAt", createdAt, next.createdAt);
        unchanged(changed, "provenance", provenance, next.provenance);
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("only the publication state (status, signatures, logs, receipts) of "
                    + "record " + envelopeDigest + " may change, not " + String.join(", ", changed));
        }
    }

    private static void unchanged(List<String> changed, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }

    /**
     * Every uuid the record is found by ({@link EntryStore#byUuid}): its own, the planned uuid of every covered
     * signature and every log entry's. The empty string (a uuid not known yet) is never one.
     *
     * @return the uuids, in that order, without repeats
     */
    public Set<String> lookupUuids() {
        Set<String> uuids = new LinkedHashSet<>();
        if (!uuid.isEmpty()) {
            uuids.add(uuid);
        }
        for (SignatureCoverage s : signatures) {
            uuids.add(s.uuid());
        }
        for (LogEntry e : logEntries()) {
            if (!e.uuid().isEmpty()) {
                uuids.add(e.uuid());
            }
        }
        return uuids;
    }

    /**
     * What a search by subject digest ({@link EntryQuery#subjectDigest()}) matches.
     *
     * @return the distinct {@code algorithm:hex} of every digest of every subject, in subject order
     */
    public List<String> subjectDigests() {
        Set<String> digests = new LinkedHashSet<>();
        for (Subject s : subjects) {
            for (Digest d : s.digests()) {
                digests.add(d.algorithm() + ":" + d.hex());
            }
        }
        return List.copyOf(digests);
    }

    /**
     * What a fact search ({@link EntryQuery#facts()}) matches: {@link FactTerms#of} of {@link #facts()}.
     *
     * @return every searchable fact name with its terms, sorted
     * @since 5.1
     */
    public SortedMap<String, SortedSet<String>> factTerms() {
        return FactTerms.of(facts);
    }
}
