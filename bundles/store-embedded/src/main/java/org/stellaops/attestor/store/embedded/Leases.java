package org.stellaops.attestor.store.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Publishing leases, in memory: this store has one process, and the contract lets leases end with it. Only records
 * being published have an entry (a lease is dropped when its record settles or its owner releases it, and an expired
 * one when {@code claimable} passes it), so the map stays as small as the set of records in flight.
 */
final class Leases {

    /** Who holds a record's lease, and until when. */
    record Lease(String owner, Instant until) {
        boolean heldAgainst(String other, Instant now) {
            return !owner.equals(other) && until.isAfter(now);
        }
    }

    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

    /**
     * Takes or renews a lease unless another owner holds it at {@code now}; the caller has checked that the record is
     * pending and keeps it from settling meanwhile.
     *
     * @return whether {@code owner} holds the lease now
     */
    boolean take(String digest, String owner, Instant now, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        Lease wanted = new Lease(owner, now.plus(ttl));
        return leases.compute(digest, (d, current) -> current != null && current.heldAgainst(owner, now)
                ? current : wanted) == wanted;
    }

    /** Releases the lease if {@code owner} holds it. */
    void release(String digest, String owner) {
        leases.computeIfPresent(digest, (d, current) -> current.owner().equals(owner) ? null : current);
    }

    /** Forgets the lease of a record that is no longer pending. */
    void drop(String digest) {
        leases.remove(digest);
    }

    /**
     * @return whether another owner than {@code owner} holds the record's lease at {@code now}; forgets an expired
     *         lease on the way
     */
    boolean heldByAnother(String digest, String owner, Instant now) {
        Lease current = leases.get(digest);
        if (current == null) {
            return false;
        }
        if (!current.until().isAfter(now)) {
            // only this exact lease: a renewal that raced in stays
            leases.remove(digest, current);
            return false;
        }
        return !current.owner().equals(owner);
    }

    /** @return how many leases are remembered (for tests) */
    int size() {
        return leases.size();
    }
}
