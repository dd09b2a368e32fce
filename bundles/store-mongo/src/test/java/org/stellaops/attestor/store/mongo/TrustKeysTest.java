package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.mongo.Records.TENANT;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.TrustedKey;

class TrustKeysTest extends MongoTestBase {

    @Test
    void readsBackAKeyExactlyRevokedOrNot() {
        TrustedKey key = Records.key("a", Records.T0);
        store.put(key);
        assertEquals(Optional.of(key), store.get(TENANT, key.keyId()));
        TrustedKey revoked = Records.revoked(key, Records.T0.plusNanos(5));
        store.put(revoked);
        assertEquals(Optional.of(revoked), store.get(TENANT, key.keyId()));
        assertEquals(Optional.empty(), store.get(TENANT, Records.hex("unknown")));
    }

    @Test
    void allIsOrderedByCreationTimeThenId() {
        TrustedKey late = Records.key("late", Records.T0.plusSeconds(2));
        TrustedKey early = Records.key("early", Records.T0);
        TrustedKey tieA = Records.key("tie-a", Records.T0.plusSeconds(1));
        TrustedKey tieB = Records.key("tie-b", Records.T0.plusSeconds(1));
        List.of(late, tieB, early, tieA).forEach(store::put);
        List<TrustedKey> ties = tieA.keyId().compareTo(tieB.keyId()) < 0 ? List.of(tieA, tieB) : List.of(tieB, tieA);
        assertEquals(List.of(early, ties.get(0), ties.get(1), late), store.all(TENANT));
    }

    @Test
    void theVersionChangesWithEveryPutAlsoForOtherWorkers() {
        MongoStore other = worker();
        long empty = other.version();
        store.put(Records.key("a", Records.T0));
        long afterAdd = other.version();
        assertNotEquals(empty, afterAdd);
        TrustedKey a = store.get(TENANT, Records.key("a", Records.T0).keyId()).orElseThrow();
        store.put(Records.revoked(a, Records.T0));
        assertTrue(other.version() > afterAdd);
        assertEquals(store.version(), other.version());
    }

    @Test
    void ofTwoPutsOfOneKeyTheOneWithTheLargerNumberStays() {
        TrustedKey key = Records.key("a", Records.T0);
        TrustedKey revoked = Records.revoked(key, Records.T0.plusSeconds(1));
        store.put(revoked);
        long version = store.version();
        // a slower worker's write of an older number arrives late: it must not undo the revocation
        raw().getCollection("trust_keys").updateOne(com.mongodb.client.model.Filters.eq("_id",
                TENANT + "|" + key.keyId()),
                new org.bson.Document("$set", new org.bson.Document("version", version + 100)));
        store.put(key);
        assertEquals(Optional.of(revoked), store.get(TENANT, key.keyId()));
        assertEquals(version + 100, store.version());
    }
}
