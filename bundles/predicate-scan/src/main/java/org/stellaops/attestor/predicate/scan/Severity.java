package org.stellaops.attestor.predicate.scan;

import java.util.Locale;

/**
 * The fixed severity scale of scan facts: the CVSS qualitative ratings plus {@code unknown}. Each has a count fact
 * {@code scan.severity.<label>}.
 */
enum Severity {
    /** CVSS 9.0–10.0. */
    CRITICAL,
    /** CVSS 7.0–8.9. */
    HIGH,
    /** CVSS 4.0–6.9. */
    MEDIUM,
    /** CVSS 0.1–3.9. */
    LOW,
    /** CVSS 0.0. */
    NONE,
    /** No rating, or one this scale does not know. */
    UNKNOWN;

    /** @return the lowercase name used in ScanResults and in fact names */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the name of this severity's count fact */
    String factName() {
        return "scan.severity." + label();
    }

    /**
     * Reads the severity word of a scanner's own report: Trivy ({@code CRITICAL} … {@code UNKNOWN}), Grype
     * ({@code Critical} … {@code Negligible}, {@code Unknown}) or a ScanResults label.
     *
     * @param word the word, any case; may be null
     * @return the severity; {@link #UNKNOWN} for anything else. Grype's {@code Negligible} and GitHub's
     *         {@code moderate} are mapped to {@link #LOW} and {@link #MEDIUM}.
     */
    static Severity fromWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "critical":
                return CRITICAL;
            case "high":
                return HIGH;
            case "medium":
            case "moderate":
                return MEDIUM;
            case "low":
            case "negligible":
                return LOW;
            case "none":
                return NONE;
            default:
                return UNKNOWN;
        }
    }

    /**
     * Maps a CVSS-style score (SARIF {@code security-severity}) to its qualitative rating.
     *
     * @param score 0.0 to 10.0
     * @return the rating; {@link #UNKNOWN} outside that range
     */
    static Severity fromScore(double score) {
        if (Double.isNaN(score) || score < 0 || score > 10) {
            return UNKNOWN;
        }
        if (score == 0) {
            return NONE;
        }
        if (score < 4) {
            return LOW;
        }
        if (score < 7) {
            return MEDIUM;
        }
        return score < 9 ? HIGH : CRITICAL;
    }
}
