package org.stellaops.attestor.store;

import java.time.Instant;

/**
 * A search over the audit trail ({@link AuditStore#events(AuditQuery)}), newest first. Every filter is optional
 * (null); the filters that are given must all match exactly.
 *
 * @param tenant the tenant whose events are wanted ({@link Tenants#OPERATOR} for the deployment's own events), or
 *               null for every tenant's (operator views only)
 * @param actor the principal
 * @param action e.g. {@code entry.submit}
 * @param target e.g. an envelope digest or key id
 * @param outcome {@code success} or an error code
 * @param since at or after this instant
 * @param until strictly before this instant
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param beforeSeq only events with a smaller sequence number (the {@link AuditPage#nextBeforeSeq()} of the previous
 *                  page), or 0 for the first page
 */
public record AuditQuery(String tenant, String actor, String action, String target, String outcome, Instant since, Instant until,
                         int limit, long beforeSeq) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @param tenant null, a tenant name or {@link Tenants#OPERATOR}
     * @param limit 1 to {@link #MAX_LIMIT}
     * @param beforeSeq not negative
     */
    public AuditQuery {
        if (tenant != null) {
            Tenants.require(tenant);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (beforeSeq < 0) {
            throw new IllegalArgumentException("beforeSeq must not be negative");
        }
    }

    /**
     * @param tenant the tenant, or null for every tenant
     * @param limit the page size
     * @return the tenant's newest events, otherwise unfiltered
     */
    public static AuditQuery newest(String tenant, int limit) {
        return new AuditQuery(tenant, null, null, null, null, null, null, limit, 0);
    }
}
