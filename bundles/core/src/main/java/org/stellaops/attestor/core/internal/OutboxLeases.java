package org.stellaops.attestor.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

/**
 * This worker's publishing leases on pending records ({@link EntryStore#tryLease}): several workers may share one
 * store, and only the holder of a record's lease publishes it, so the outbox is drained once. A lease is taken
 * before an attempt chain starts, renewed before every attempt, and given up once the record is settled; a worker
 * that dies simply lets its leases run out.
 */
final class OutboxLeases {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxLeases.class);

    private final EntryStore entries;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;

    OutboxLeases(EntryStore entries, String owner, Duration ttl, Clock clock) {
        this.entries = entries;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    String owner() {
        return owner;
    }

    /**
     * Takes or renews the lease.
     *
     * @return whether this worker holds it now; false as well when the store cannot be asked (the record is then
     *         left to the next scan, which is the safe choice)
     */
    boolean take(String tenant, String envelopeDigest) {
        try {
            return entries.tryLease(tenant, envelopeDigest, owner, clock.instant(), ttl);
        } catch (RuntimeException e) {
            LOG.warn("cannot take the publishing lease of {}: {}", envelopeDigest, e.toString());
            return false;
        }
    }

    /** Gives the lease up early; it runs out on its own if the store cannot be reached. */
    void release(String tenant, String envelopeDigest) {
        try {
            entries.releaseLease(tenant, envelopeDigest, owner);
        } catch (RuntimeException e) {
            LOG.info("cannot release the publishing lease of {} (it expires by itself): {}", envelopeDigest,
                    e.toString());
        }
    }

    /** @return pending records no other worker holds a lease on, oldest first */
    List<EntryRecord> claimable(int limit) {
        return entries.claimable(owner, clock.instant(), limit);
    }
}
