package org.stellaops.attestor.predicate.policyeval;

import java.util.Locale;
import java.util.Optional;

/**
 * An overall verdict, ordered by weight: {@link #FAIL} outweighs {@link #WARN}, which outweighs {@link #PASS}.
 */
enum Verdict {
    /** Every rule passed or was skipped. */
    PASS,
    /** No enforced rule failed, and some rule warned or an advisory rule failed. */
    WARN,
    /** Some enforced rule failed. */
    FAIL;

    /** @return the lowercase name used in the predicate and in the {@code policy.verdict} fact */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a verdict as written in the predicate
     * @return the verdict, or empty for anything but {@code pass}, {@code warn} and {@code fail}
     */
    static Optional<Verdict> of(String label) {
        for (Verdict verdict : values()) {
            if (verdict.label().equals(label)) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }

    /**
     * What one rule result contributes to the overall verdict.
     *
     * @param ruleVerdict {@code pass}, {@code fail}, {@code warn} or {@code skip}
     * @param enforcement {@code enforce} or {@code advisory}
     * @return the contribution, or empty when either value is not one of those
     */
    static Optional<Verdict> effect(String ruleVerdict, String enforcement) {
        boolean advisory;
        switch (enforcement) {
            case "enforce":
                advisory = false;
                break;
            case "advisory":
                advisory = true;
                break;
            default:
                return Optional.empty();
        }
        switch (ruleVerdict) {
            case "pass":
            case "skip":
                return Optional.of(PASS);
            case "warn":
                return Optional.of(WARN);
            case "fail":
                return Optional.of(advisory ? WARN : FAIL);
            default:
                return Optional.empty();
        }
    }
}
