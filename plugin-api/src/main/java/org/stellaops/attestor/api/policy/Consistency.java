package org.stellaops.attestor.api.policy;

import java.util.Locale;

/** Whether a stored checkpoint was shown consistent with the log's current view. */
public enum Consistency {
    /** A consistency proof from the stored checkpoint to a newer verified checkpoint verified. */
    CONSISTENT,
    /** The log (or a witness) presented a checkpoint the stored one is not consistent with: a split view. */
    INCONSISTENT,
    /** No check was possible (offline, or the log is not reachable). */
    NOT_CHECKED;

    /** @return the report name: {@code consistent}, {@code inconsistent}, {@code not_checked} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
