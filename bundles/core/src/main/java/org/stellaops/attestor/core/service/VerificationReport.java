package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a verification: one line per check. {@code verified} is true only when there is at least one
 * check and every check passed.
 *
 * @param verified whether everything held
 * @param envelopeDigest {@code sha256:<hex>} of the envelope
 * @param checks the individual checks, in evaluation order
 */
public record VerificationReport(boolean verified, String envelopeDigest, List<Check> checks) {

    /**
     * Copies the checks.
     *
     * @param verified flag
     * @param envelopeDigest not null
     * @param checks not null
     */
    public VerificationReport {
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        checks = List.copyOf(checks);
    }

    /**
     * Builds a report whose verdict is derived from the checks (fail closed: no checks means not verified).
     *
     * @param envelopeDigest the digest
     * @param checks the checks
     * @return the report
     */
    public static VerificationReport of(String envelopeDigest, List<Check> checks) {
        boolean ok = !checks.isEmpty() && checks.stream().allMatch(Check::ok);
        return new VerificationReport(ok, envelopeDigest, checks);
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
}
