package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * Schema step 3: records stored by a schema-2 worker (no {@code facts} field) become searchable by fact at the next
 * start, and the step never overwrites what a worker wrote meanwhile.
 */
class FactsMigrationTest extends MongoTestBase {

    private static final String FORMAT = "sbom.format";

    private static List<EntryRecord> records() {
        List<EntryRecord> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(TckRecords.record("schema2-" + i).at(TckRecords.T0.plusSeconds(i))
                    .facts(Map.of(FORMAT, i % 2 == 0 ? "CycloneDX" : "SPDX", "vex.cves", List.of("CVE-" + i % 3)))
                    .logged());
        }
        records.add(TckRecords.record("no-facts").facts(Map.of()).logged());
        return records;
    }

    /** Makes the database one a schema-2 worker wrote: no {@code facts} on any record, version 2. */
    private void downgradeToSchema2() {
        raw().getCollection(Fields.ENTRIES).updateMany(new Document(), Updates.unset(Fields.FACTS));
        raw().getCollection(Fields.META).updateOne(Filters.eq(Fields.ID, Fields.META_SCHEMA),
                Updates.set(Fields.VERSION, 2));
    }

    private int schemaVersion() {
        return raw().getCollection(Fields.META).find(Filters.eq(Fields.ID, Fields.META_SCHEMA)).first()
                .getInteger(Fields.VERSION);
    }

    @Test
    void findsRecordsOfASchema2DatabaseByTheirFactsAfterTheUpgrade() {
        List<EntryRecord> records = records();
        records.forEach(store::putIfAbsent);
        store.close();
        downgradeToSchema2();
        MongoStore upgraded = worker();
        assertEquals(Schema.CURRENT, schemaVersion());
        EntryQuery q = EntryQuery.all(TckRecords.TENANT, 50).withFacts(Map.of(FORMAT, "SPDX", "vex.cves", "CVE-1"));
        List<EntryRecord> expected = org.stellaops.attestor.store.tck.SearchOracle.search(records, q);
        assertEquals(2, expected.size());
        assertEquals(expected, upgraded.search(q).records());
    }

    @Test
    void givesEveryRecordTheFieldAnEmptyOneIfItHasNoSearchableFacts() {
        records().forEach(store::putIfAbsent);
        store.close();
        downgradeToSchema2();
        worker();
        MongoCollection<Document> entries = raw().getCollection(Fields.ENTRIES);
        assertEquals(0, entries.countDocuments(Filters.exists(Fields.FACTS, false)));
        Document none = entries.find(Filters.eq(Fields.ENVELOPE_DIGEST, TckRecords.digest("no-facts"))).first();
        assertEquals(List.of(), none.getList(Fields.FACTS, Document.class));
        Document first = entries.find(Filters.eq(Fields.ENVELOPE_DIGEST, TckRecords.digest("schema2-0"))).first();
        assertEquals(List.of(new Document("n", FORMAT).append("v", "CycloneDX"),
                new Document("n", "vex.cves").append("v", "CVE-0")), first.getList(Fields.FACTS, Document.class));
    }

    @Test
    void aStaleBatchNeverOverwritesTermsAWorkerWroteMeanwhile() {
        EntryRecord record = records().get(0);
        store.putIfAbsent(record);
        MongoCollection<Document> entries = raw().getCollection(Fields.ENTRIES);
        Document read = entries.find().first();
        // a later write (another worker's) set the field between the step's read and its update
        List<Document> marker = List.of(new Document("n", "written").append("v", "meanwhile"));
        entries.updateOne(Filters.eq(Fields.ID, read.get(Fields.ID)), Updates.set(Fields.FACTS, marker));
        new FactsMigration(raw(), new EntryDocuments()).index(entries, List.of(read));
        assertEquals(marker, entries.find().first().getList(Fields.FACTS, Document.class));
    }

    @Test
    void createsTheFactIndex() {
        List<Document> indexes = raw().getCollection(Fields.ENTRIES).listIndexes().into(new ArrayList<>());
        Document index = indexes.stream().filter(d -> "tenant_facts_created".equals(d.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError(indexes.toString()));
        Document keys = index.get("key", Document.class);
        assertEquals(List.of("tenant", "facts.n", "facts.v", "createdAt", "envelopeDigest"),
                new ArrayList<>(keys.keySet()));
    }
}
