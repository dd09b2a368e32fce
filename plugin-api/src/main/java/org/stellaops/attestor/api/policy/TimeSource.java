package org.stellaops.attestor.api.policy;

import java.util.Locale;

/** Where the trusted time of an attestation comes from. */
public enum TimeSource {
    /** The integration time a transparency log vouches for (for example a Rekor v1 signed entry timestamp). */
    LOG,
    /** The time in a service-signed receipt that is itself logged. */
    RECEIPT,
    /** An RFC 3161 timestamp token from a trusted time-stamping authority. */
    RFC3161,
    /** The time this service accepted the submission (the stored record's creation time). */
    SERVICE,
    /** No trusted time: only the time of the question is known. */
    NONE;

    /** @return the name used in policy documents and reports: {@code log}, {@code receipt}, {@code rfc3161}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a name as {@link #wireName()} gives it
     * @return the source
     * @throws IllegalArgumentException for any other name
     */
    public static TimeSource fromWireName(String name) {
        for (TimeSource source : values()) {
            if (source.wireName().equals(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown time source '" + name
                + "': use log, receipt, rfc3161, service or none");
    }
}
