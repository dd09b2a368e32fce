package org.stellaops.attestor.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * How much a failing rule counts, in the spirit of Notation's verification levels. Ordered from strongest to weakest;
 * a rule's effective mode is the weaker of its own and its policy's, so a whole policy can be rolled out in
 * {@link #WARN} or {@link #AUDIT} first.
 */
public enum Mode {
    /** A failure fails the policy. */
    ENFORCE,
    /** A failure is a warning: the policy still passes. */
    WARN,
    /** A failure is recorded in the decision and has no other effect. */
    AUDIT;

    /** @return the document name: {@code enforce}, {@code warn} or {@code audit} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a document name
     * @return the mode, if the name is one
     */
    public static Optional<Mode> fromWireName(String name) {
        for (Mode mode : values()) {
            if (mode.wireName().equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * @param other another mode
     * @return the weaker of the two
     */
    public Mode weaker(Mode other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
