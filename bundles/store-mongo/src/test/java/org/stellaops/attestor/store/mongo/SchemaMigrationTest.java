package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

class SchemaMigrationTest {

    private static TestServer server;
    private final String database = TestServer.freshDatabase();

    @BeforeAll
    static void start() {
        server = TestServer.memory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFreshDatabaseGetsTheCurrentSchemaVersion() {
        try (MongoStore store = server.store(database)) {
            assertEquals(Schema.CURRENT, schemaVersion());
            assertEquals(0, store.count());
        }
    }

    @Test
    void theUniqueIndexesExistAfterStart() {
        server.store(database).close();
        List<String> audit = server.raw(database).getCollection("audit").listIndexes()
                .map(d -> d.getString("name")).into(new java.util.ArrayList<>());
        assertTrue(audit.contains("entry_unique"), audit.toString());
    }

    @Test
    void anOlderSchemaIsUpgradedAndItsImportedRecordsBecomeSearchable() {
        EntryRecord record = Records.pending("imported");
        server.raw(database).getCollection("meta").insertOne(new Document("_id", "schema").append("version", 0));
        server.raw(database).getCollection("entries").insertOne(new Document("_id", record.envelopeDigest())
                .append("body", new EntryDocuments().body(record)));

        try (MongoStore store = server.store(database)) {
            assertEquals(Schema.CURRENT, schemaVersion());
            assertEquals(List.of(record), store.search(new EntryQuery(TENANT, Records.subject("imported"), null,
                    null, null, null, 10, null)).records());
            assertEquals(Optional.of(record), store.byUuid(TENANT, Records.uuid("imported", 1, "primary")));
            assertEquals(List.of(record), store.pending(10));
            assertEquals(1L, server.raw(database).getCollection("entries").find().first().getLong("rev"));
        }
    }

    @Test
    void recordsImportedInTheEmbeddedStoresOlderFormatReadBackAsLoggedTargets() throws Exception {
        EntryRecord current = Records.pending("old");
        EntryRecord legacy = new EntryRecord(current.envelopeDigest(), current.uuid(), EntryRecord.LOGGED,
                current.casDigest(), current.payloadType(), current.statementType(), current.predicateType(),
                current.subjects(), current.signerKeyIds(), current.logEntries(), current.facts(),
                current.derivedBy(), current.createdAt(), current.provenance());
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();
        ObjectNode body = (ObjectNode) mapper.readTree(new EntryDocuments().body(legacy));
        ArrayNode logEntries = body.putArray("logEntries");
        body.get("logs").forEach(t -> t.get("entries").forEach(e -> logEntries.add(e.get("entry"))));
        body.remove(List.of("logs", "signatures", "receipts"));
        server.raw(database).getCollection("meta").insertOne(new Document("_id", "schema").append("version", 0));
        server.raw(database).getCollection("entries").insertOne(new Document("_id", legacy.envelopeDigest())
                .append("body", mapper.writeValueAsString(body)));

        try (MongoStore store = server.store(database)) {
            assertEquals(Optional.of(legacy), store.byUuid(TENANT, Records.uuid("old", 1, "primary")));
        }
    }

    @Test
    void aDatabaseWithANewerSchemaRefusesToStart() {
        server.raw(database).getCollection("meta").insertOne(new Document("_id", "schema").append("version", 99));
        StorageException e = assertThrows(StorageException.class, () -> server.store(database));
        assertEquals(StorageException.FAILURE, e.code());
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade Attestor"), e.getMessage());
        assertEquals(99, schemaVersion(), "nothing was downgraded");
    }

    @Test
    void startingAgainChangesNothing() {
        EntryRecord record = Records.pending("a");
        try (MongoStore store = server.store(database)) {
            store.putIfAbsent(record);
        }
        try (MongoStore store = server.store(database, Map.of(), java.time.Clock.systemUTC())) {
            assertEquals(Schema.CURRENT, schemaVersion());
            assertEquals(Optional.of(record), store.byEnvelopeDigest(TENANT, record.envelopeDigest()));
        }
    }

    private int schemaVersion() {
        return server.raw(database).getCollection("meta").find(Filters.eq("_id", "schema")).first()
                .getInteger("version");
    }
}
