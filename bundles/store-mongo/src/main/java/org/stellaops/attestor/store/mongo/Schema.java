package org.stellaops.attestor.store.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;

/**
 * The start-up migration: refuses a database written by newer code, runs the upgrade steps from the stored schema
 * version to {@link #CURRENT}, creates the indexes and records the new version. Every step is idempotent and every
 * index operation is too (creating an existing index with the same keys and options, or dropping a missing one, is
 * a no-op), so workers starting together, or a worker killed halfway, simply run it again.
 *
 * <p>Order: obsolete indexes are dropped and the audit indexes created first (step 2 appends through the unique
 * {@code entry} tag); the entry and key indexes come after the steps, because their unique tenant indexes could not
 * be built while documents of the old layout (no tenant) remain.
 */
final class Schema {

    /** The schema version this code reads and writes: 2 added tenants, 3 the searchable fact terms. */
    static final int CURRENT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private final MongoDatabase db;
    private final EntryDocuments documents;

    Schema(MongoDatabase db, EntryDocuments documents) {
        this.db = db;
        this.documents = documents;
    }

    /**
     * @return the schema version the database now has ({@link #CURRENT})
     * @throws StorageException {@code storage.failure} if the database's schema is newer than this code, or
     *                          {@code storage.corrupt} if a record to migrate cannot be read
     */
    int migrate() {
        int stored = storedVersion();
        if (stored > CURRENT) {
            throw new StorageException(StorageException.FAILURE, "database " + db.getName() + " has schema version "
                    + stored + ", newer than the " + CURRENT + " this Attestor understands: upgrade Attestor "
                    + "(refusing to start rather than write a layout newer code would misread)", null);
        }
        SchemaIndexes indexes = new SchemaIndexes(db);
        if (stored < CURRENT) {
            Mongo.run("dropping the indexes of schema version 1", indexes::dropObsolete);
        }
        Mongo.run("creating the audit indexes", indexes::createAuditIndexes);
        if (stored < 2) {
            // also covers the step to 1 (records imported as {_id, body}): the new documents are derived from bodies
            new TenantMigration(db, documents, new AuditTrail(db.getCollection(Fields.AUDIT))).run();
        }
        if (stored < 3) {
            // documents the step to 2 wrote have their facts already; any other document gets them here
            new FactsMigration(db, documents).run();
        }
        Mongo.run("creating indexes", indexes::createIndexes);
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

    private void recordVersion(int version) {
        MongoCollection<Document> meta = db.getCollection(Fields.META);
        try {
            meta.updateOne(Filters.and(Filters.eq(Fields.ID, Fields.META_SCHEMA), Filters.lt(Fields.VERSION, version)),
                    Updates.set(Fields.VERSION, version), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            // the document exists with a version >= ours (another worker got there first): nothing to do
            if (!Mongo.duplicateKey(e)) {
                throw e;
            }
        }
    }
}
