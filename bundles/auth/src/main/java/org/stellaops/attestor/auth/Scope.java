package org.stellaops.attestor.auth;

import java.util.Optional;

/** The attestor scopes an access token or a client certificate mapping grants. */
public enum Scope {
    /** Submit attestations. */
    WRITE("attestor.write"),
    /** Verify attestations. */
    VERIFY("attestor.verify"),
    /** Fetch, list and search records, proofs, logs, audit and statistics. */
    READ("attestor.read"),
    /** Manage trust roots, keys, policies and configuration. */
    ADMIN("attestor.admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** @return the scope as it appears in a token's {@code scope} claim */
    public String wire() {
        return wire;
    }

    /**
     * @param wire a scope value from a token or a configuration
     * @return the attestor scope it names, empty for any other scope (other services' scopes are ignored)
     */
    public static Optional<Scope> parse(String wire) {
        for (Scope s : values()) {
            if (s.wire.equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
