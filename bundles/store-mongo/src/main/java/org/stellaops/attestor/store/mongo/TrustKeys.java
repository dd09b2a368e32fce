package org.stellaops.attestor.store.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The {@code trust_keys} collection: one document per (tenant, key id), {@code _id} {@code <tenant>|<key id>} (see
 * {@link Ids}), unique index {@code tenant_key}. Every put takes a new number from the {@code meta} counter
 * {@code trust.version} and stores it on the key; {@link #version()} is the largest number on any key of any
 * tenant. So the version changes exactly when a key document changes, also when another worker changed it, and a
 * crash between taking the number and writing the key leaves both unchanged. Of two puts of one key, the one with
 * the larger number wins (the write is conditional on the stored number being smaller).
 */
final class TrustKeys {

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> meta;

    TrustKeys(MongoCollection<Document> keys, MongoCollection<Document> meta) {
        this.keys = keys;
        this.meta = meta;
    }

    void put(TrustedKey key) {
        Objects.requireNonNull(key, "key");
        long version = nextVersion();
        String id = Ids.of(key.tenant(), key.keyId());
        Document doc = new Document(Fields.ID, id)
                .append(Fields.TENANT, key.tenant())
                .append(Fields.KEY_ID, key.keyId())
                .append(Fields.SHARED, key.shared())
                .append(Fields.NAME, key.name())
                .append(Fields.ALGORITHM, key.algorithm().name())
                .append(Fields.PUBLIC_KEY_PEM, key.publicKeyPem())
                .append(Fields.CREATED_AT, Times.encode(key.createdAt()))
                .append(Fields.REVOKED_AT, time(key.revokedAt()))
                .append(Fields.KEY_VERSION, key.version())
                .append(Fields.VALID_FROM, time(key.validFrom()))
                .append(Fields.RETIRED_AT, time(key.retiredAt()))
                .append(Fields.REVOCATION_REASON, key.revocationReason())
                .append(Fields.COMPROMISED_AT, time(key.compromisedAt()))
                .append(Fields.DRIVER, key.driver())
                .append(Fields.VERSION, version);
        Bson older = Filters.and(Filters.eq(Fields.ID, id), Filters.or(
                Filters.lt(Fields.VERSION, version), Filters.exists(Fields.VERSION, false)));
        try {
            keys.replaceOne(older, doc, new ReplaceOptions().upsert(true));
        } catch (MongoException e) {
            if (!Mongo.duplicateKey(e)) {
                throw new StorageException(StorageException.FAILURE, "storing key " + id + " failed: "
                        + e.getMessage(), e);
            }
            // the key exists: inserted by a put that raced this one's upsert (then ours, with the larger number,
            // still replaces it here) or stored with a larger number by a later put (then this matches nothing)
            Mongo.run("storing key " + id, () -> keys.replaceOne(older, doc));
        }
    }

    private long nextVersion() {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true)
                .returnDocument(ReturnDocument.AFTER);
        for (int attempt = 0; ; attempt++) {
            try {
                Document counter = meta.findOneAndUpdate(Filters.eq(Fields.ID, Fields.META_TRUST_VERSION),
                        Updates.inc(Fields.VALUE, 1L), options);
                return ((Number) counter.get(Fields.VALUE)).longValue();
            } catch (MongoException e) {
                // two first puts may both try to create the counter; the loser just increments it
                if (!Mongo.duplicateKey(e) || attempt > 0) {
                    throw new StorageException(StorageException.FAILURE, "taking a trust-root version failed: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    Optional<TrustedKey> get(String tenant, String keyId) {
        String id = Ids.of(tenant, keyId);
        Document doc = Mongo.call("reading key " + id, () -> keys.find(Filters.eq(Fields.ID, id)).first());
        return Optional.ofNullable(doc).map(TrustKeys::key);
    }

    /**
     * @param tenant a tenant (index {@code tenant_created}), or null for every tenant's keys (a collection scan and
     *               sort: key sets are small, and only the operator asks)
     */
    List<TrustedKey> all(String tenant) {
        Bson filter = tenant == null ? new Document() : Filters.eq(Fields.TENANT, tenant);
        List<TrustedKey> result = new ArrayList<>();
        Mongo.run("reading trusted keys", () -> keys.find(filter)
                .sort(Sorts.ascending(Fields.CREATED_AT, Fields.KEY_ID, Fields.TENANT))
                .forEach(d -> result.add(key(d))));
        return result;
    }

    long version() {
        Document doc = Mongo.call("reading the trust-root version", () -> keys.find()
                .sort(Sorts.descending(Fields.VERSION)).limit(1).first());
        Object version = doc == null ? null : doc.get(Fields.VERSION);
        return version instanceof Number n ? n.longValue() : 0;
    }

    private static String time(Instant instant) {
        return instant == null ? null : Times.encode(instant);
    }

    private static Instant time(Document doc, String field) {
        String value = doc.getString(field);
        return value == null ? null : Times.decode(value);
    }

    /** Reads a key; documents written before key versions lack the lifecycle fields and read as version 1. */
    private static TrustedKey key(Document doc) {
        try {
            Number keyVersion = (Number) doc.get(Fields.KEY_VERSION);
            return new TrustedKey(doc.getString(Fields.KEY_ID), doc.getString(Fields.NAME),
                    KeyAlgorithm.valueOf(doc.getString(Fields.ALGORITHM)), doc.getString(Fields.PUBLIC_KEY_PEM),
                    time(doc, Fields.CREATED_AT), time(doc, Fields.REVOKED_AT), doc.getString(Fields.TENANT),
                    doc.getBoolean(Fields.SHARED), keyVersion == null ? 1 : keyVersion.intValue(),
                    time(doc, Fields.VALID_FROM), time(doc, Fields.RETIRED_AT), doc.getString(Fields.REVOCATION_REASON),
                    time(doc, Fields.COMPROMISED_AT), doc.getString(Fields.DRIVER));
        } catch (RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT, "stored key " + doc.get(Fields.ID)
                    + " cannot be read back", e);
        }
    }
}
