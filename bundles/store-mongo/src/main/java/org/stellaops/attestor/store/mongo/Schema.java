package org.stellaops.attestor.store.mongo;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;

/**
 * The start-up migration: refuses a database written by newer code, creates the indexes (idempotent: creating an
 * existing index with the same keys and options is a no-op), runs the upgrade steps from the stored schema version
 * to {@link #CURRENT}, and records the new version. Every step is idempotent, so workers starting together, or a
 * worker killed halfway, simply run it again.
 */
final class Schema {

    /** The schema version this code reads and writes. */
    static final int CURRENT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private final MongoDatabase db;
    private final EntryDocuments documents;

    Schema(MongoDatabase db, EntryDocuments documents) {
        this.db = db;
        this.documents = documents;
    }

    /**
     * @return the schema version the database now has ({@link #CURRENT})
     * @throws StorageException {@code storage.failure} if the database's schema is newer than this code
     */
    int migrate() {
        int stored = storedVersion();
        if (stored > CURRENT) {
            throw new StorageException(StorageException.FAILURE, "database " + db.getName() + " has schema version "
                    + stored + ", newer than the " + CURRENT + " this Attestor understands: upgrade Attestor "
                    + "(refusing to start rather than write a layout newer code would misread)", null);
        }
        Mongo.run("creating indexes", this::createIndexes);
        if (stored < 1) {
            Mongo.run("deriving fields of records stored as {_id, body}", this::deriveImportedRecords);
        }
        if (stored < CURRENT) {
            Mongo.run("recording the schema version", () -> recordVersion(CURRENT));
            if (stored == 0) {
                LOG.info("MongoDB database {} initialised at schema version {}", db.getName(), CURRENT);
            } else {
                LOG.info("MongoDB database {} upgraded from schema version {} to {}", db.getName(), stored, CURRENT);
            }
        }
        return CURRENT;
    }

    /** @return the stored schema version; 0 for a database no Attestor has started on */
    int storedVersion() {
        Document meta = Mongo.call("reading the schema version",
                () -> db.getCollection(Fields.META).find(Filters.eq(Fields.ID, Fields.META_SCHEMA)).first());
        Object version = meta == null ? null : meta.get(Fields.VERSION);
        return version instanceof Number n ? n.intValue() : 0;
    }

    private void createIndexes() {
        db.getCollection(Fields.ENTRIES).createIndexes(List.of(
                index("uuids", Indexes.ascending(Fields.UUIDS)),
                index("subject_created", Indexes.compoundIndex(Indexes.ascending(Fields.SUBJECT_DIGESTS),
                        newestFirst())),
                index("signer_created", Indexes.compoundIndex(Indexes.ascending(Fields.SIGNER_KEY_IDS),
                        newestFirst())),
                index("predicate_created", Indexes.compoundIndex(Indexes.ascending(Fields.PREDICATE_TYPE),
                        newestFirst())),
                index("created", newestFirst()),
                new IndexModel(Indexes.ascending(Fields.CREATED_AT, Fields.ID), new IndexOptions().name("outbox")
                        .partialFilterExpression(Filters.eq(Fields.STATUS, "pending"))),
                new IndexModel(Indexes.ascending(Fields.PENDING_AUDIT_SINCE),
                        new IndexOptions().name("pending_audit").sparse(true))));
        db.getCollection(Fields.AUDIT).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.ENTRY),
                        new IndexOptions().name("entry_unique").unique(true).sparse(true)),
                index("action", Indexes.compoundIndex(Indexes.ascending(Fields.ACTION), Indexes.descending(Fields.ID))),
                index("actor", Indexes.compoundIndex(Indexes.ascending(Fields.ACTOR), Indexes.descending(Fields.ID))),
                index("target", Indexes.compoundIndex(Indexes.ascending(Fields.TARGET), Indexes.descending(Fields.ID))),
                index("time", Indexes.ascending(Fields.TIME))));
        db.getCollection(Fields.TRUST_KEYS).createIndexes(List.of(
                index("created", Indexes.ascending(Fields.CREATED_AT, Fields.ID)),
                index("version", Indexes.descending(Fields.VERSION))));
        // MongoDB deletes expired one-time keys in the background; claims do not depend on it (they re-check)
        db.getCollection(Fields.ONE_TIME_KEYS).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.EXPIRES_AT),
                        new IndexOptions().name("expires_ttl").expireAfter(0L, TimeUnit.SECONDS))));
    }

    private static Bson newestFirst() {
        return Indexes.descending(Fields.CREATED_AT, Fields.ID);
    }

    private static IndexModel index(String name, Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }

    /**
     * Step to version 1: a record imported as just {@code {_id, body}} (for example copied from store-embedded,
     * whose record JSON is the same) gets its revision and derived fields. Idempotent.
     */
    private void deriveImportedRecords() {
        MongoCollection<Document> entries = db.getCollection(Fields.ENTRIES);
        int derived = 0;
        for (Document doc : entries.find(Filters.exists(Fields.REV, false))) {
            Document fields = documents.derived(documents.record(doc)).append(Fields.REV, 1L);
            entries.updateOne(Filters.and(Filters.eq(Fields.ID, doc.get(Fields.ID)),
                    Filters.exists(Fields.REV, false)), new Document("$set", fields));
            derived++;
        }
        if (derived > 0) {
            LOG.info("derived the indexed fields of {} imported records", derived);
        }
    }

    private void recordVersion(int version) {
        MongoCollection<Document> meta = db.getCollection(Fields.META);
        try {
            meta.updateOne(Filters.and(Filters.eq(Fields.ID, Fields.META_SCHEMA), Filters.lt(Fields.VERSION, version)),
                    Updates.set(Fields.VERSION, version), new com.mongodb.client.model.UpdateOptions().upsert(true));
        } catch (MongoException e) {
            // the document exists with a version >= ours (another worker got there first): nothing to do
            if (!Mongo.duplicateKey(e)) {
                throw e;
            }
        }
    }
}
