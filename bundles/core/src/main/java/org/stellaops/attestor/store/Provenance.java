package org.stellaops.attestor.store;

import java.util.Objects;

/**
 * How a record or event arrived.
 *
 * @param api the API operation, e.g. {@code POST /api/v1/rekor/entries}
 * @param principal the authenticated principal, or {@code anonymous} until authentication exists
 * @param remoteAddress the client address
 */
public record Provenance(String api, String principal, String remoteAddress) {
    /**
     * @param api not null
     * @param principal not null
     * @param remoteAddress not null
     */
    public Provenance {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
