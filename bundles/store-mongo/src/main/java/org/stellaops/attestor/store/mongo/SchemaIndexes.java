package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The indexes of schema version 3 (docs/storage.md lists them with the reads they serve; 3 added
 * {@code tenant_facts_created}). Every index a tenant's
 * read uses starts with {@code tenant}, so the read stays within the tenant's range of it; the only indexes without
 * it serve reads that span tenants by contract: the outbox ({@code pending}, {@code claimable}), the operator's
 * {@code recent(null)} and the audit repair. An index whose keys changed got a new name, so that creating it never
 * collides with its schema-1 predecessor, which {@link #dropObsolete()} removes.
 */
final class SchemaIndexes {

    /** MongoDB's error code for dropping an index that does not exist (another worker dropped it first). */
    private static final int INDEX_NOT_FOUND = 27;

    /** Schema-1 indexes whose keys lacked the tenant, by collection. */
    static final Map<String, List<String>> OBSOLETE = Map.of(
            Fields.ENTRIES, List.of("uuids", "subject_created", "predicate_created", "signer_created"),
            Fields.AUDIT, List.of("action", "actor", "target", "time"),
            Fields.TRUST_KEYS, List.of("created"));

    private final MongoDatabase db;

    SchemaIndexes(MongoDatabase db) {
        this.db = db;
    }

    void dropObsolete() {
        OBSOLETE.forEach((collection, names) -> {
            MongoCollection<Document> c = db.getCollection(collection);
            List<String> present = c.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
            for (String name : names) {
                if (present.contains(name)) {
                    drop(c, name);
                }
            }
        });
    }

    private static void drop(MongoCollection<Document> collection, String name) {
        try {
            collection.dropIndex(name);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** The audit indexes; none of them can fail on documents of an older layout. */
    void createAuditIndexes() {
        db.getCollection(Fields.AUDIT).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.ENTRY),
                        new IndexOptions().name("entry_unique").unique(true).sparse(true)),
                index("tenant_seq", Indexes.compoundIndex(Indexes.ascending(Fields.TENANT),
                        Indexes.descending(Fields.ID))),
                index("tenant_action", tenantThen(Fields.ACTION)),
                index("tenant_actor", tenantThen(Fields.ACTOR)),
                index("tenant_target", tenantThen(Fields.TARGET)),
                index("tenant_time", Indexes.ascending(Fields.TENANT, Fields.TIME))));
    }

    /** The indexes of entries, trusted keys and one-time keys; built once no document lacks its tenant. */
    void createIndexes() {
        db.getCollection(Fields.ENTRIES).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.TENANT, Fields.ENVELOPE_DIGEST),
                        new IndexOptions().name("tenant_digest").unique(true)),
                index("tenant_uuids", Indexes.ascending(Fields.TENANT, Fields.UUIDS)),
                index("tenant_subject_created", tenantNewestFirst(Fields.SUBJECT_DIGESTS)),
                index("tenant_predicate_created", tenantNewestFirst(Fields.PREDICATE_TYPE)),
                index("tenant_signer_created", tenantNewestFirst(Fields.SIGNER_KEY_IDS)),
                index("tenant_facts_created", Indexes.compoundIndex(Indexes.ascending(Fields.TENANT,
                        Fields.FACTS + "." + Fields.FACT_NAME, Fields.FACTS + "." + Fields.FACT_TERM),
                        Indexes.descending(Fields.CREATED_AT, Fields.ENVELOPE_DIGEST))),
                index("tenant_created", tenantNewestFirst(null)),
                index("created", Indexes.descending(Fields.CREATED_AT, Fields.ID)),
                new IndexModel(Indexes.ascending(Fields.CREATED_AT, Fields.ID), new IndexOptions().name("outbox")
                        .partialFilterExpression(Filters.eq(Fields.STATUS, "pending"))),
                new IndexModel(Indexes.ascending(Fields.PENDING_AUDIT_SINCE),
                        new IndexOptions().name("pending_audit").sparse(true))));
        db.getCollection(Fields.TRUST_KEYS).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.TENANT, Fields.KEY_ID),
                        new IndexOptions().name("tenant_key").unique(true)),
                index("tenant_created", Indexes.ascending(Fields.TENANT, Fields.CREATED_AT, Fields.KEY_ID)),
                index("version", Indexes.descending(Fields.VERSION))));
        db.getCollection(Policies.COLLECTION).createIndexes(List.of(
                index("kind_tenant_policy_version", Indexes.ascending(Policies.KIND, Fields.TENANT,
                        Policies.POLICY_ID, Policies.POLICY_VERSION))));
        // MongoDB deletes expired one-time keys in the background; claims do not depend on it (they re-check)
        db.getCollection(Fields.ONE_TIME_KEYS).createIndexes(List.of(
                new IndexModel(Indexes.ascending(Fields.EXPIRES_AT),
                        new IndexOptions().name("expires_ttl").expireAfter(0L, TimeUnit.SECONDS))));
    }

    /** {tenant: 1, [field: 1,] createdAt: -1, envelopeDigest: -1}: the search order within a tenant. */
    private static Bson tenantNewestFirst(String field) {
        List<Bson> keys = new ArrayList<>();
        keys.add(Indexes.ascending(Fields.TENANT));
        if (field != null) {
            keys.add(Indexes.ascending(field));
        }
        keys.add(Indexes.descending(Fields.CREATED_AT, Fields.ENVELOPE_DIGEST));
        return Indexes.compoundIndex(keys);
    }

    /** {tenant: 1, field: 1, _id: -1}: a tenant's audit events with that field, newest first. */
    private static Bson tenantThen(String field) {
        return Indexes.compoundIndex(Indexes.ascending(Fields.TENANT, field), Indexes.descending(Fields.ID));
    }

    private static IndexModel index(String name, Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
