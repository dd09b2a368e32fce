package org.stellaops.attestor.store.mongo;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.OneTimeKeyStore;

/**
 * The replay cache in the {@code one_time_keys} collection: {@code {_id: "<namespace>:<key>", expiresAt: Date}},
 * with a TTL index on {@code expiresAt} so MongoDB removes expired keys in the background.
 *
 * <p>A claim is an {@code insertOne}: the unique {@code _id} lets exactly one of any number of workers insert a
 * key. A duplicate-key error means the key exists; it is claimed again only by
 * {@code updateOne({_id, expiresAt: {$lte: now}}, {$set: {expiresAt}})}, which MongoDB applies atomically with its
 * filter, so of workers re-claiming one expired key exactly one matches. Nothing depends on the TTL monitor having
 * run (it runs about once a minute). Writes use the client's write concern (majority, journaled by default), so a
 * claim is durable when it returns.
 */
final class OneTimeKeys {

    private static final char SEPARATOR = ':';

    private final MongoCollection<Document> keys;
    private final Clock clock;

    OneTimeKeys(MongoCollection<Document> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @see org.stellaops.attestor.store.OneTimeKeyStore#claim(String, String, Instant)
     */
    boolean claim(String namespace, String key, Instant expiresAt) {
        String id = id(namespace, key);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Date until = new Date(OneTimeKeyStore.expiryMillis(expiresAt));
        try {
            keys.insertOne(new Document(Fields.ID, id).append(Fields.EXPIRES_AT, until));
            return true;
        } catch (MongoException e) {
            if (!Mongo.duplicateKey(e)) {
                throw new StorageException(StorageException.FAILURE, "claiming a " + namespace + " key failed: "
                        + e.getMessage(), e);
            }
        }
        // matched, not modified: re-claiming with the expiry the key already had still claims it
        long matched = Mongo.call("re-claiming an expired " + namespace + " key", () -> keys.updateOne(
                Filters.and(Filters.eq(Fields.ID, id), Filters.lte(Fields.EXPIRES_AT, new Date(clock.millis()))),
                Updates.set(Fields.EXPIRES_AT, until)).getMatchedCount());
        return matched == 1;
    }

    /**
     * @return the {@code _id} of the pair; the namespace cannot contain {@code :}, so the first one separates
     * @throws IllegalArgumentException if the namespace is not 1 to 64 characters of {@code [a-z0-9._-]} or the key
     *                                  is missing, empty or longer than 512 characters
     */
    static String id(String namespace, String key) {
        OneTimeKeyStore.checkArguments(namespace, key);
        return namespace + SEPARATOR + key;
    }

}
