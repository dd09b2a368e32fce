package org.stellaops.attestor.store.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

/**
 * The {@code entries} collection: insert-if-absent on (tenant, envelope digest) (the {@code _id}
 * {@code <tenant>|<digest>}, and the unique index {@code tenant_digest}), compare-and-set on the revision, lookups
 * and the outbox. Every read but the outbox's and {@code recent(null)}'s names the tenant, and every index such a
 * read uses starts with it. Each write is one single-document operation, which MongoDB applies atomically, so
 * nothing here needs a transaction.
 */
final class Entries {

    /** How long a writer that lost an insert race waits for the winner's record to become readable. */
    private static final Duration VISIBILITY_WAIT = Duration.ofSeconds(10);

    private final MongoCollection<Document> entries;
    private final EntryDocuments documents;

    Entries(MongoCollection<Document> entries, EntryDocuments documents) {
        this.entries = entries;
        this.documents = documents;
    }

    /**
     * Inserts the record unless its tenant already holds its digest; with {@code createdEvent}, the document
     * carries the event
     * (see {@link MongoStore#putIfAbsent(EntryRecord, AuditEvent)}) until {@link #clearPendingAudit} removes it.
     */
    EntryStore.Stored insert(EntryRecord record, AuditEvent createdEvent, Instant now) {
        Objects.requireNonNull(record, "record");
        Document doc = documents.create(record);
        if (createdEvent != null) {
            doc.append(Fields.PENDING_AUDIT, EntryDocuments.pendingAudit(createdEvent, now));
        }
        long deadline = System.nanoTime() + VISIBILITY_WAIT.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                entries.insertOne(doc);
                return new EntryStore.Stored(record, true);
            } catch (MongoException e) {
                if (!Mongo.duplicateKey(e)) {
                    throw new StorageException(StorageException.FAILURE, "storing record "
                            + record.envelopeDigest() + " failed: " + e.getMessage(), e);
                }
            }
            // another writer holds the digest; with read concern majority its record shows once it is committed
            // on a majority, and if it is rolled back instead, the next insert takes the digest
            Optional<EntryRecord> existing = byEnvelopeDigest(record.tenant(), record.envelopeDigest());
            if (existing.isPresent()) {
                return new EntryStore.Stored(existing.get(), false);
            }
            if (System.nanoTime() > deadline) {
                throw new StorageException(StorageException.FAILURE, "record " + record.envelopeDigest()
                        + " exists but did not become readable within " + VISIBILITY_WAIT, null);
            }
            LockSupport.parkNanos(Duration.ofMillis(Math.min(50, 1L << Math.min(attempt, 6))).toNanos());
        }
    }

    /** @param id the record's {@code _id} (the repair's path, which has only the document) */
    void clearPendingAudit(String id) {
        Mongo.run("clearing the audit marker of " + id, () -> entries.updateOne(
                Filters.eq(Fields.ID, id), Updates.unset(Fields.PENDING_AUDIT)));
    }

    void clearPendingAudit(EntryRecord record) {
        Mongo.run("clearing the audit marker of " + EntryDocuments.id(record), () -> entries.updateOne(
                one(record.tenant(), record.envelopeDigest()), Updates.unset(Fields.PENDING_AUDIT)));
    }

    /**
     * The filter of one record: its {@code _id} plus the fields of {@code tenant_digest}, so that on a cluster
     * sharded on {@code {tenant: 1, envelopeDigest: 1}} (docs/storage.md) the operation goes to one shard.
     */
    static Bson one(String tenant, String envelopeDigest) {
        return Filters.and(Filters.eq(Fields.ID, Ids.of(tenant, envelopeDigest)), Filters.eq(Fields.TENANT, tenant),
                Filters.eq(Fields.ENVELOPE_DIGEST, envelopeDigest));
    }

    /** @return records still carrying their creation event, oldest marker first */
    List<Document> withPendingAudit(Instant markedBefore, int limit) {
        return Mongo.call("finding records whose creation event is unwritten", () -> entries
                .find(Filters.lt(Fields.PENDING_AUDIT_SINCE, Times.bound(markedBefore)))
                .sort(Sorts.ascending(Fields.PENDING_AUDIT_SINCE))
                .limit(limit)
                .into(new ArrayList<>()));
    }

    boolean replaceIf(EntryRecord expected, EntryRecord next) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        expected.checkReplacement(next);
        String id = EntryDocuments.id(expected);
        // read with the configured (majority) read concern: a version that can still be rolled back could, after a
        // fail-over, match a revision number another writer reused, and its update would be lost
        Bson one = one(expected.tenant(), expected.envelopeDigest());
        Document stored = Mongo.call("reading record " + id, () -> entries.find(one)
                .projection(Projections.include(Fields.REV, Fields.BODY)).first());
        if (stored == null || !documents.record(stored).equals(expected)) {
            return false;
        }
        long rev = EntryDocuments.rev(stored);
        Document set = documents.derived(next).append(Fields.BODY, documents.body(next)).append(Fields.REV, rev + 1);
        // the revision in the filter makes this a compare-and-set: a writer that changed the record since we read
        // it has moved the revision on, so this update then matches nothing
        long matched = Mongo.call("replacing record " + id, () -> entries.updateOne(
                Filters.and(one, Filters.eq(Fields.REV, rev)),
                new Document("$set", set)).getMatchedCount());
        return matched == 1;
    }

    Optional<EntryRecord> byEnvelopeDigest(String tenant, String envelopeDigest) {
        Bson one = one(tenant, envelopeDigest);
        return first("reading record " + Ids.of(tenant, envelopeDigest), entries.find(one));
    }

    Optional<EntryRecord> byUuid(String tenant, String uuid) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(uuid, "uuid");
        // one signature can be shared by two envelopes (same payload, other signatures differ): the tenant's
        // first record created holds the uuid
        return first("finding the record of uuid " + uuid, entries
                .find(Filters.and(Filters.eq(Fields.TENANT, tenant), Filters.eq(Fields.UUIDS, uuid)))
                .sort(Sorts.ascending(Fields.CREATED_AT, Fields.ENVELOPE_DIGEST)).limit(1));
    }

    List<EntryRecord> pending(int limit) {
        return list("reading the outbox", Filters.eq(Fields.STATUS, EntryRecord.PENDING), oldestFirst(), limit);
    }

    /** @param tenant a tenant (index {@code tenant_created}), or null for every tenant's (index {@code created}) */
    List<EntryRecord> recent(String tenant, int limit) {
        if (tenant == null) {
            return list("reading recent records", new Document(), newestFirst(), limit);
        }
        return list("reading recent records", Filters.eq(Fields.TENANT, tenant), newestFirstInTenant(), limit);
    }

    long count() {
        return Mongo.call("counting records", entries::estimatedDocumentCount);
    }

    /** An index count on the range of {@code tenant_digest} (or any index) that starts with the tenant. */
    long count(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Mongo.call("counting records", () -> entries.countDocuments(Filters.eq(Fields.TENANT, tenant)));
    }

    List<EntryRecord> list(String what, Bson filter, Bson sort, int limit) {
        List<EntryRecord> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        Mongo.run(what, () -> entries.find(filter).sort(sort).limit(limit)
                .forEach(d -> result.add(documents.record(d))));
        return result;
    }

    private Optional<EntryRecord> first(String what, FindIterable<Document> find) {
        Document doc = Mongo.call(what, find::first);
        return doc == null ? Optional.empty() : Optional.of(documents.record(doc));
    }

    static Bson oldestFirst() {
        return Sorts.ascending(Fields.CREATED_AT, Fields.ID);
    }

    /** Across tenants: the order of the {@code created} index. */
    static Bson newestFirst() {
        return Sorts.descending(Fields.CREATED_AT, Fields.ID);
    }

    /** Within one tenant: the search order, that of the {@code tenant_…_created} indexes. */
    static Bson newestFirstInTenant() {
        return Sorts.descending(Fields.CREATED_AT, Fields.ENVELOPE_DIGEST);
    }

    MongoCollection<Document> collection() {
        return entries;
    }

    EntryDocuments documents() {
        return documents;
    }
}
