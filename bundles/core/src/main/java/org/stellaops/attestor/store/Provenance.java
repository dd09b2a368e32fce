package org.stellaops.attestor.store;

import java.util.Objects;

/**
 * How a record or event arrived.
 *
 * @param api the API operation, e.g. {@code POST /api/v1/rekor/entries}
 * @param principal the authenticated principal, or {@code anonymous}
 * @param remoteAddress the client address
 * @param tenant the tenant the caller acts for, which owns what the call creates (a record, an audit event, a
 *               key); {@link Tenants#OPERATOR} for anonymous callers and the service itself
 */
public record Provenance(String api, String principal, String remoteAddress, String tenant) {
    /**
     * @param api not null
     * @param principal not null
     * @param remoteAddress not null
     * @param tenant a tenant name or {@link Tenants#OPERATOR}
     * @throws IllegalArgumentException if {@code tenant} is not a tenant name
     */
    public Provenance {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Tenants.require(tenant);
    }
}
