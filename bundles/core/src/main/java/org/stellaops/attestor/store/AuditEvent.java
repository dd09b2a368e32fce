package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant action.
 *
 * @param time when it happened
 * @param actor the principal (or {@code anonymous}, or {@code system})
 * @param action what was attempted, e.g. {@code entry.submit}, {@code trust.key.revoke}
 * @param target what it was attempted on (an envelope digest, a key id …)
 * @param outcome {@code success}, or the stable error code of the failure
 * @param remoteAddress the client address, or empty for system actions
 * @param detail a short human-readable detail; never secrets or token material
 * @param tenant the tenant the actor acted for, or {@link Tenants#OPERATOR} for events of the deployment (anonymous
 *               callers, the service itself); a tenant reads only its own events
 */
public record AuditEvent(Instant time, String actor, String action, String target, String outcome,
                         String remoteAddress, String detail, String tenant) {
    /**
     * @param time not null
     * @param actor not null
     * @param action not null
     * @param target not null
     * @param outcome not null
     * @param remoteAddress not null
     * @param detail not null
     * @param tenant a tenant name or {@link Tenants#OPERATOR}
     */
    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(detail, "detail");
        Tenants.require(tenant);
    }
}
