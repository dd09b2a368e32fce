package org.stellaops.attestor.auth.internal;

import java.util.Locale;

/** Whether TLS client certificates take part in authentication. */
enum MtlsMode {
    /** Certificates are ignored. */
    OFF,
    /** A certificate, when presented, must be valid and allowed. */
    OPTIONAL,
    /** Every request must present a valid, allowed certificate. */
    REQUIRED;

    /**
     * @param configured the {@code mtls.mode} configuration, may be empty
     * @param frameworkDefault the {@code attestor.tls.clientAuth} framework property, may be null
     * @return the mode: the configuration, else the framework property, else off
     * @throws IllegalArgumentException for an unknown value
     */
    static MtlsMode of(String configured, String frameworkDefault) {
        String value = configured != null && !configured.isBlank() ? configured
                : frameworkDefault != null && !frameworkDefault.isBlank() ? frameworkDefault : "off";
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off":
            case "none":
            case "false":
                return OFF;
            case "optional":
            case "want":
                return OPTIONAL;
            case "required":
            case "need":
            case "true":
                return REQUIRED;
            default:
                throw new IllegalArgumentException("mtls.mode must be off, optional or required, not " + value);
        }
    }
}
