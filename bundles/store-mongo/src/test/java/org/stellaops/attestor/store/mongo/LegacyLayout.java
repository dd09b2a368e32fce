package org.stellaops.attestor.store.mongo;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Writes documents as schema version 1 (before tenants) did, straight through the driver, to test the migration:
 * {@code _id} = the envelope digest or key id, no {@code tenant} anywhere, bodies whose provenance has no tenant,
 * and the schema-1 indexes.
 */
final class LegacyLayout {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();

    private final MongoDatabase db;

    LegacyLayout(MongoDatabase db) {
        this.db = db;
    }

    /** A schema-1 database: its version and its indexes. */
    LegacyLayout schema1() {
        db.getCollection("meta").insertOne(new Document("_id", "schema").append("version", 1));
        db.getCollection("entries").createIndexes(List.of(
                named("uuids", Indexes.ascending("uuids")),
                named("subject_created", Indexes.compoundIndex(Indexes.ascending("subjectDigests"),
                        Indexes.descending("createdAt", "_id"))),
                named("signer_created", Indexes.compoundIndex(Indexes.ascending("signerKeyIds"),
                        Indexes.descending("createdAt", "_id"))),
                named("predicate_created", Indexes.compoundIndex(Indexes.ascending("predicateType"),
                        Indexes.descending("createdAt", "_id"))),
                named("created", Indexes.descending("createdAt", "_id"))));
        db.getCollection("audit").createIndexes(List.of(
                new IndexModel(Indexes.ascending("entry"),
                        new IndexOptions().name("entry_unique").unique(true).sparse(true)),
                named("action", Indexes.compoundIndex(Indexes.ascending("action"), Indexes.descending("_id"))),
                named("time", Indexes.ascending("time"))));
        db.getCollection("trust_keys").createIndexes(List.of(
                named("created", Indexes.ascending("createdAt", "_id")),
                named("version", Indexes.descending("version"))));
        return this;
    }

    /**
     * @param record a record of tenant {@link Tenants#LEGACY} (its body is written without the tenant)
     * @param rev the stored revision
     * @return the document as schema 1 stored it
     */
    Document record(EntryRecord record, long rev) {
        Document doc = new Document("_id", record.envelopeDigest()).append("rev", rev);
        new EntryDocuments().derived(record).forEach((k, v) -> {
            if (!k.equals("tenant") && !k.equals("envelopeDigest")) {
                doc.append(k, v);
            }
        });
        return doc.append("body", bodyWithoutTenant(record));
    }

    Document insert(Document entry) {
        db.getCollection("entries").insertOne(entry);
        return entry;
    }

    /** Stores a key as schema 1 did, at the given version. */
    void key(TrustedKey key, long version) {
        db.getCollection("trust_keys").insertOne(new Document("_id", key.keyId())
                .append("name", key.name())
                .append("algorithm", key.algorithm().name())
                .append("publicKeyPem", key.publicKeyPem())
                .append("createdAt", Times.encode(key.createdAt()))
                .append("revokedAt", key.revokedAt() == null ? null : Times.encode(key.revokedAt()))
                .append("version", version));
        db.getCollection("meta").updateOne(Filters.eq("_id", "trust.version"),
                new Document("$max", new Document("value", version)),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /**
     * Appends an event (of the operator: schema 1 had no tenants) as schema 1 did.
     *
     * @return the stored event
     */
    ChainedAuditEvent event(ChainedAuditEvent head, AuditEvent event, String entry) {
        ChainedAuditEvent linked = AuditChain.link(head, event);
        Document doc = AuditDocuments.chained(linked, entry);
        doc.remove("tenant");
        db.getCollection("audit").insertOne(doc);
        return linked;
    }

    static String bodyWithoutTenant(EntryRecord record) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(new EntryDocuments().body(record));
            ((ObjectNode) body.get("provenance")).remove("tenant");
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static IndexModel named(String name, org.bson.conversions.Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
