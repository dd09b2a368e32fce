package org.stellaops.attestor.store.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.stellaops.attestor.store.EntryRecord;

/**
 * Publishing leases: {@code lease: {owner, until}} on the record's document (so a lease belongs to the record's
 * tenant and envelope digest, like the document's {@code _id}), beside the body (so a lease never
 * changes the record, and never moves its revision). Taking a lease is one {@code updateOne} whose filter states
 * every condition, so on MongoDB (which applies a single-document update atomically, re-checking the filter) of
 * two workers racing for one record exactly one matches.
 */
final class Leases {

    private final Entries entries;
    private final MongoCollection<Document> collection;

    Leases(Entries entries) {
        this.entries = entries;
        this.collection = entries.collection();
    }

    List<EntryRecord> claimable(String owner, Instant now, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        return entries.list("reading the claimable outbox",
                Filters.and(Filters.eq(Fields.STATUS, EntryRecord.PENDING), available(owner, now)),
                Entries.oldestFirst(), limit);
    }

    boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now, Duration ttl) {
        String id = Ids.of(tenant, envelopeDigest);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(ttl, "ttl");
        Document lease = new Document("owner", owner).append("until", Times.plus(now, ttl));
        // matched, not modified: renewing with the same end changes nothing and still holds the lease
        long matched = Mongo.call("leasing record " + id, () -> collection.updateOne(
                Filters.and(Entries.one(tenant, envelopeDigest), Filters.eq(Fields.STATUS, EntryRecord.PENDING),
                        available(owner, now)),
                Updates.set(Fields.LEASE, lease)).getMatchedCount());
        return matched == 1;
    }

    void releaseLease(String tenant, String envelopeDigest, String owner) {
        String id = Ids.of(tenant, envelopeDigest);
        Objects.requireNonNull(owner, "owner");
        Mongo.run("releasing the lease of " + id, () -> collection.updateOne(
                Filters.and(Entries.one(tenant, envelopeDigest), Filters.eq(Fields.LEASE_OWNER, owner)),
                Updates.unset(Fields.LEASE)));
    }

    /** No lease, an expired one (its end is not after {@code now}), or the asker's own. */
    private static Bson available(String owner, Instant now) {
        return Filters.or(Filters.exists(Fields.LEASE, false), Filters.lte(Fields.LEASE_UNTIL, Times.bound(now)),
                Filters.eq(Fields.LEASE_OWNER, owner));
    }
}
