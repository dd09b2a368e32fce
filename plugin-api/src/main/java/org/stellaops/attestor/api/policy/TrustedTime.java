package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * The trusted time of an attestation: when it is known to have existed, and who vouches for that.
 *
 * @param instant the time; null exactly when {@code source} is {@link TimeSource#NONE}
 * @param source where the time comes from
 * @param detail which log, receipt or authority gave it (for example a log origin), for reports; may be empty
 */
public record TrustedTime(Instant instant, TimeSource source, String detail) {

    private static final TrustedTime NONE = new TrustedTime(null, TimeSource.NONE, "");

    /**
     * @param instant null only for {@link TimeSource#NONE}
     * @param source not null
     * @param detail null reads as empty
     */
    public TrustedTime {
        Objects.requireNonNull(source, "source");
        if ((instant == null) != (source == TimeSource.NONE)) {
            throw new IllegalArgumentException("a trusted time has an instant exactly when its source is not NONE");
        }
        detail = detail == null ? "" : detail;
    }

    /** @return the absence of a trusted time */
    public static TrustedTime none() {
        return NONE;
    }

    /**
     * @param instant the time
     * @param source its source, not {@link TimeSource#NONE}
     * @param detail who gave it
     * @return the trusted time
     */
    public static TrustedTime of(Instant instant, TimeSource source, String detail) {
        return new TrustedTime(Objects.requireNonNull(instant, "instant"), source, detail);
    }

    /** @return whether a trusted time is known */
    public boolean present() {
        return source != TimeSource.NONE;
    }
}
