package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.Tenants;

/**
 * The {@code audit} collection. An append reads the head, links the event to it ({@link AuditChain#link}) and
 * inserts it with {@code _id = head.seq + 1}; the unique {@code _id} makes that conditional, so of two workers
 * appending at once one gets a duplicate-key error, reads the new head and tries again. The chain can therefore
 * neither fork nor have gaps. Events written for a record's creation also carry {@code entry} (the record's
 * {@code _id}, {@code <tenant>|<envelope digest>}; before tenants existed, the bare digest; unique), which makes
 * appending them idempotent. The chain is one for every tenant; searches of a tenant use the {@code tenant_…}
 * indexes.
 */
final class AuditTrail {

    /** Bounds one append's retries; each lost race means another worker's event went in, so this is never hit. */
    private static final int MAX_ATTEMPTS = 10_000;

    private final MongoCollection<Document> audit;

    AuditTrail(MongoCollection<Document> audit) {
        this.audit = audit;
    }

    ChainedAuditEvent append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ChainedAuditEvent> linked = tryAppend(latestHead(), event, null);
            if (linked.isPresent()) {
                return linked.get();
            }
            backOff(attempt);
        }
        throw contended();
    }

    /**
     * Appends events in list order with one ordered {@code insertMany} (one majority commit) per attempt. If
     * another worker takes a sequence number in between, the events before it are stored, and the rest are linked
     * to the new head and inserted again.
     */
    List<ChainedAuditEvent> appendAll(List<AuditEvent> events) {
        List<AuditEvent> all = List.copyOf(events);
        List<ChainedAuditEvent> stored = new ArrayList<>(all.size());
        for (int attempt = 0; stored.size() < all.size(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw contended();
            }
            List<ChainedAuditEvent> linked = linkAll(latestHead(), all.subList(stored.size(), all.size()));
            int inserted = insertOrdered(linked);
            stored.addAll(linked.subList(0, inserted));
            if (inserted < linked.size()) {
                backOff(attempt);
            }
        }
        return stored;
    }

    static List<ChainedAuditEvent> linkAll(ChainedAuditEvent head, List<AuditEvent> events) {
        List<ChainedAuditEvent> linked = new ArrayList<>(events.size());
        ChainedAuditEvent previous = head;
        for (AuditEvent event : events) {
            previous = AuditChain.link(previous, Objects.requireNonNull(event, "event"));
            linked.add(previous);
        }
        return linked;
    }

    /**
     * @return how many of the linked events were stored: all, or those before the first sequence number another
     *         worker had taken (an ordered insert stops there)
     */
    int insertOrdered(List<ChainedAuditEvent> linked) {
        List<Document> docs = linked.stream().map(e -> AuditDocuments.chained(e, null)).toList();
        try {
            audit.insertMany(docs, new InsertManyOptions().ordered(true));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            BulkWriteError first = e.getWriteErrors().get(0);
            if (ErrorCategory.fromErrorCode(first.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return first.getIndex();
            }
            throw new StorageException(StorageException.FAILURE, "appending " + docs.size()
                    + " audit events failed: " + e.getMessage(), e);
        } catch (MongoException e) {
            throw new StorageException(StorageException.FAILURE, "appending " + docs.size()
                    + " audit events failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends the creation event of a record unless it is already in the trail (idempotent, for the repair).
     *
     * @return the event as stored, by this call or an earlier one
     */
    ChainedAuditEvent appendForEntry(String entryId, AuditEvent event) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ChainedAuditEvent> linked = tryAppend(latestHead(), event, entryId);
            if (linked.isPresent()) {
                return linked.get();
            }
            Optional<ChainedAuditEvent> earlier = forEntry(entryId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            backOff(attempt);
        }
        throw contended();
    }

    /**
     * One attempt: inserts the event linked to {@code head}.
     *
     * @return the stored event, or empty if the key was taken (another event is now at that place, or, for an
     *         entry event, the entry's event is already stored)
     */
    Optional<ChainedAuditEvent> tryAppend(ChainedAuditEvent head, AuditEvent event, String entry) {
        ChainedAuditEvent linked = AuditChain.link(head, event);
        try {
            audit.insertOne(AuditDocuments.chained(linked, entry));
            return Optional.of(linked);
        } catch (MongoException e) {
            if (Mongo.duplicateKey(e)) {
                return Optional.empty();
            }
            throw new StorageException(StorageException.FAILURE, "appending audit event " + linked.seq()
                    + " failed: " + e.getMessage(), e);
        }
    }

    Optional<ChainedAuditEvent> forEntry(String entryId) {
        Document doc = Mongo.call("reading the creation event of " + entryId,
                () -> audit.find(Filters.eq(Fields.ENTRY, entryId)).first());
        return Optional.ofNullable(doc).map(AuditDocuments::chained);
    }

    /**
     * The head an append links to, read with the configured read concern (majority by default). It must not be a
     * head that can still be rolled back: after a fail-over the append would go to a primary without that head and
     * leave a gap. A majority read may lag behind the newest head; the append then loses its race and retries.
     */
    private ChainedAuditEvent latestHead() {
        return head().orElse(null);
    }

    /**
     * Spreads workers that keep colliding (or wait for a majority read to catch up); the first retries go at once,
     * since a lost race usually means progress.
     */
    private static void backOff(int attempt) {
        if (attempt >= 2) {
            long maxMicros = Math.min(20_000, 100L << Math.min(attempt - 2, 8));
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1000);
        }
    }

    Optional<ChainedAuditEvent> head() {
        Document doc = Mongo.call("reading the audit head",
                () -> audit.find().sort(Sorts.descending(Fields.ID)).limit(1).first());
        return Optional.ofNullable(doc).map(AuditDocuments::chained);
    }

    List<ChainedAuditEvent> chain(long fromSeq, int limit) {
        List<ChainedAuditEvent> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        Mongo.run("reading the audit chain", () -> audit.find(Filters.gte(Fields.ID, fromSeq))
                .sort(Sorts.ascending(Fields.ID)).limit(limit).forEach(d -> result.add(AuditDocuments.chained(d))));
        return result;
    }

    AuditPage events(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        List<Bson> filters = new ArrayList<>();
        if (Tenants.OPERATOR.equals(query.tenant())) {
            // events stored before tenants existed have no tenant and are the operator's
            filters.add(Filters.in(Fields.TENANT, java.util.Arrays.asList(Tenants.OPERATOR, null)));
        } else {
            eq(filters, Fields.TENANT, query.tenant());
        }
        eq(filters, Fields.ACTOR, query.actor());
        eq(filters, Fields.ACTION, query.action());
        eq(filters, Fields.TARGET, query.target());
        eq(filters, Fields.OUTCOME, query.outcome());
        if (query.since() != null) {
            filters.add(Filters.gte(Fields.TIME, Times.bound(query.since())));
        }
        if (query.until() != null) {
            filters.add(Filters.lt(Fields.TIME, Times.bound(query.until())));
        }
        if (query.beforeSeq() > 0) {
            filters.add(Filters.lt(Fields.ID, query.beforeSeq()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<ChainedAuditEvent> found = new ArrayList<>();
        Mongo.run("searching the audit trail", () -> audit.find(filter).sort(Sorts.descending(Fields.ID))
                .limit(query.limit() + 1).forEach(d -> found.add(AuditDocuments.chained(d))));
        if (found.size() <= query.limit()) {
            return new AuditPage(found, 0);
        }
        List<ChainedAuditEvent> page = found.subList(0, query.limit());
        return new AuditPage(page, page.get(page.size() - 1).seq());
    }

    List<AuditEvent> recentEvents(int limit) {
        List<AuditEvent> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        Mongo.run("reading recent audit events", () -> audit.find().sort(Sorts.descending(Fields.ID)).limit(limit)
                .forEach(d -> result.add(AuditDocuments.event(d))));
        return result;
    }

    /** @return the head's sequence number: appends never leave gaps, so it is the number of events */
    long eventCount() {
        return head().map(ChainedAuditEvent::seq).orElse(0L);
    }

    private static void eq(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(Filters.eq(field, value));
        }
    }

    private static StorageException contended() {
        return new StorageException(StorageException.FAILURE, "audit append lost " + MAX_ATTEMPTS
                + " races in a row", null);
    }
}
