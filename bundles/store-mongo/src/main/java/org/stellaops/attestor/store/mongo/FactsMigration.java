package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;

/**
 * Step to schema version 3 (store contract 5.1): every record document without {@code facts} gets the field,
 * derived from its body ({@link EntryDocuments#facts}), so records stored before facts were searchable are found by
 * fact like new ones. One pass in {@code _id} order over the documents lacking the field, in batches of 500 of one
 * unordered bulk write each; every update is conditional on the field still missing, so it never overwrites what a
 * worker wrote meanwhile, a crash loses nothing (the next start finds the rest, since the filter is the progress)
 * and two workers migrating at once repeat harmless no-ops. A record with no searchable facts gets an empty list,
 * which marks it done.
 */
final class FactsMigration {

    private static final Logger LOG = LoggerFactory.getLogger(FactsMigration.class);
    private static final int BATCH = 500;
    private static final Bson UNINDEXED = Filters.exists(Fields.FACTS, false);

    private final MongoDatabase db;
    private final EntryDocuments documents;

    FactsMigration(MongoDatabase db, EntryDocuments documents) {
        this.db = db;
        this.documents = documents;
    }

    /**
     * @throws StorageException {@code storage.failure} if MongoDB fails, {@code storage.corrupt} if a record's body
     *                          cannot be read (the step stops there; the next start resumes it)
     */
    void run() {
        long indexed = Mongo.call("deriving the fact terms of stored records", this::indexAll);
        if (indexed > 0) {
            LOG.info("schema step 3: derived the searchable fact terms of {} records stored before facts were "
                    + "searchable", indexed);
        }
    }

    private long indexAll() {
        MongoCollection<Document> entries = db.getCollection(Fields.ENTRIES);
        long indexed = 0;
        Object after = null;
        while (true) {
            Bson filter = after == null ? UNINDEXED : Filters.and(UNINDEXED, Filters.gt(Fields.ID, after));
            List<Document> batch = entries.find(filter).sort(Sorts.ascending(Fields.ID)).limit(BATCH)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                return indexed;
            }
            index(entries, batch);
            indexed += batch.size();
            after = batch.get(batch.size() - 1).get(Fields.ID);
        }
    }

    /** Sets the fact terms of one batch (package-private: tests replay a stale batch). */
    void index(MongoCollection<Document> entries, List<Document> batch) {
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (Document doc : batch) {
            updates.add(new UpdateOneModel<>(Filters.and(Filters.eq(Fields.ID, doc.get(Fields.ID)), UNINDEXED),
                    Updates.set(Fields.FACTS, EntryDocuments.facts(documents.record(doc)))));
        }
        entries.bulkWrite(updates, new BulkWriteOptions().ordered(false));
    }
}
