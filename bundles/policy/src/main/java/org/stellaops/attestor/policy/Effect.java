package org.stellaops.attestor.policy;

import java.util.Locale;

/** What a rule's outcome did to the policy's verdict. */
public enum Effect {
    /** Nothing: the rule passed or did not apply. */
    NONE,
    /** The rule failed in enforce mode: the policy fails. */
    FAIL,
    /** The rule failed in warn mode: the policy passes with a warning. */
    WARN,
    /** The rule failed in audit mode: recorded only. */
    AUDIT;

    /** @return the report name: {@code none}, {@code fail}, {@code warn}, {@code audit} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
