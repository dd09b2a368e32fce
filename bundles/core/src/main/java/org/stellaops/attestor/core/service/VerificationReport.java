package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a verification: one line per check, plus one result per log entry (logged, pending or failed)
 * of the record. {@code verified} is true only when there is at least one check and every check passed, apart from
 * the informational line {@link #TIMESTAMP_COVERAGE}; entries that are still pending in some log do not make it
 * false (see {@link #logged()}).
 *
 * @param verified whether everything held
 * @param envelopeDigest {@code sha256:<hex>} of the envelope
 * @param checks the individual checks, in evaluation order
 * @param logged {@link #LOGGED_ALL}, {@link #LOGGED_PARTIAL} or {@link #LOGGED_NONE}
 * @param entries one result per (log, signature) of the record
 */
public record VerificationReport(boolean verified, String envelopeDigest, List<Check> checks, String logged,
                                 List<EntryResult> entries) {

    /** Every log target holds every entry. */
    public static final String LOGGED_ALL = "all";
    /** Some entries are logged, others are pending or were refused. */
    public static final String LOGGED_PARTIAL = "partial";
    /** No entry is logged. */
    public static final String LOGGED_NONE = "none";
    /**
     * The check line that says whether RFC 3161 timestamps cover every signature a trusted key verified, so that
     * their time is a trusted time of the attestation. It informs and never decides the verdict: when it fails, the
     * timestamps' time is just not used (each token has its own line, which does decide).
     *
     * @since 2.4
     */
    public static final String TIMESTAMP_COVERAGE = "timestamp.coverage";

    /**
     * Copies the lists.
     *
     * @param verified flag
     * @param envelopeDigest not null
     * @param checks not null
     * @param logged not null
     * @param entries not null
     */
    public VerificationReport {
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        checks = List.copyOf(checks);
        Objects.requireNonNull(logged, "logged");
        entries = List.copyOf(entries);
    }

    /**
     * A report without per-entry results.
     *
     * @param verified flag
     * @param envelopeDigest not null
     * @param checks not null
     */
    public VerificationReport(boolean verified, String envelopeDigest, List<Check> checks) {
        this(verified, envelopeDigest, checks, LOGGED_NONE, List.of());
    }

    /**
     * Builds a report whose verdict is derived from the checks (fail closed: no checks means not verified;
     * informational lines do not count).
     *
     * @param envelopeDigest the digest
     * @param checks the checks
     * @return the report
     */
    public static VerificationReport of(String envelopeDigest, List<Check> checks) {
        return of(envelopeDigest, checks, LOGGED_NONE, List.of());
    }

    /**
     * Builds a report whose verdict is derived from the checks.
     *
     * @param envelopeDigest the digest
     * @param checks the checks
     * @param logged all, partial or none
     * @param entries per-entry results
     * @return the report
     */
    public static VerificationReport of(String envelopeDigest, List<Check> checks, String logged,
                                        List<EntryResult> entries) {
        boolean ok = !checks.isEmpty() && checks.stream().allMatch(c -> c.ok() || informational(c));
        return new VerificationReport(ok, envelopeDigest, checks, logged, entries);
    }

    /**
     * @param check a check line
     * @return whether the line only informs and never decides the verdict ({@link #TIMESTAMP_COVERAGE})
     * @since 2.4
     */
    public static boolean informational(Check check) {
        return TIMESTAMP_COVERAGE.equals(check.check());
    }

    /**
     * One check.
     *
     * @param check what was checked, e.g. {@code signature[0]}, {@code tlog[attestor.local#12].inclusion}
     * @param ok whether it held
     * @param detail a human-readable explanation
     */
    public record Check(String check, boolean ok, String detail) {
    }

    /**
     * The result for one (log, signature) pair.
     *
     * @param logId the log's id
     * @param origin the log's origin
     * @param signatureIndex the covered signature, or -1 if the record does not say (old records)
     * @param via {@code signature} or {@code receipt}
     * @param state {@code logged}, {@code pending} or {@code failed}
     * @param logIndex the entry's index, or -1 unless logged
     * @param uuid the entry's uuid (for pending entries: the uuid it will have)
     * @param ok whether the logged entry verified (false for pending and failed entries)
     * @param inclusion whether the stored inclusion proof verified against its checkpoint's root
     * @param checkpoint whether the stored checkpoint is signed by the registered log's key
     * @param cosignatures distinct configured witnesses with a valid cosignature on the stored checkpoint
     * @param fresh the re-check against the log's latest checkpoint, or null if it was not possible
     * @param detail a human-readable explanation
     */
    public record EntryResult(String logId, String origin, int signatureIndex, String via, String state,
                              long logIndex, String uuid, boolean ok, boolean inclusion, boolean checkpoint,
                              int cosignatures, FreshProof fresh, String detail) {
    }

    /**
     * An inclusion proof fetched from the log at verification time.
     *
     * @param ok whether the proof, its checkpoint signature and the consistency with the stored checkpoint verified
     * @param treeSize the size of the latest checkpoint
     * @param cosignatures distinct configured witnesses with a valid cosignature on that checkpoint
     * @param detail a human-readable explanation
     */
    public record FreshProof(boolean ok, long treeSize, int cosignatures, String detail) {
    }
}
