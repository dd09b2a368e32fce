package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/** The {@link TrustRootStore} contract. */
public abstract class TrustRootStoreContract extends StoreContract {

    @Test
    void readsBackAKeyEqualToTheOneStored() {
        TrustedKey key = TckRecords.key("ci", T0);
        trustRoots().put(key);
        assertEquals(key, trustRoots().get(TENANT, key.keyId()).orElseThrow());
    }

    @Test
    void reportsAnUnknownKeyAsAbsent() {
        trustRoots().put(TckRecords.key("ci", T0));
        assertTrue(trustRoots().get(TENANT, TckRecords.keyId("nobody")).isEmpty());
    }

    @Test
    void replacesTheKeyWithTheSameId() {
        TrustedKey key = TckRecords.key("old", T0);
        trustRoots().put(key);
        TrustedKey revoked = TckRecords.revoked(key, T0.plusSeconds(10));
        trustRoots().put(revoked);
        assertEquals(revoked, trustRoots().get(TENANT, key.keyId()).orElseThrow());
        assertTrue(trustRoots().get(TENANT, key.keyId()).orElseThrow().revoked());
        assertEquals(List.of(revoked), trustRoots().all(TENANT));
    }

    @Test
    void listsEveryKeyByCreationTimeThenId() {
        TrustedKey late = TckRecords.key("late", T0.plusSeconds(100));
        TrustedKey earlyA = TckRecords.key("early-a", T0);
        TrustedKey earlyB = TckRecords.key("early-b", T0);
        TrustedKey revoked = TckRecords.revoked(TckRecords.key("revoked", T0.plusSeconds(50)), T0.plusSeconds(60));
        trustRoots().put(late);
        trustRoots().put(revoked);
        trustRoots().put(earlyB);
        trustRoots().put(earlyA);
        List<TrustedKey> expected = new ArrayList<>(List.of(earlyA, earlyB));
        expected.sort(Comparator.comparing(TrustedKey::keyId));
        expected.add(revoked);
        expected.add(late);
        assertEquals(expected, trustRoots().all(TENANT));
    }

    @Test
    void listsNoKeysInAnEmptyStore() {
        assertEquals(List.of(), trustRoots().all(TENANT));
    }

    @Test
    void changesTheVersionOnEveryPut() {
        Set<Long> versions = new HashSet<>();
        versions.add(trustRoots().version());
        TrustedKey key = TckRecords.key("release", T0);
        trustRoots().put(key);
        versions.add(trustRoots().version());
        trustRoots().put(key);
        versions.add(trustRoots().version());
        trustRoots().put(TckRecords.revoked(key, T0.plusSeconds(1)));
        versions.add(trustRoots().version());
        assertEquals(4, versions.size(), "every put gives a new version");
    }

    @Test
    void keepsKeysAndVersionAcrossARestartAndNeverReusesAVersion() throws Exception {
        long v0 = trustRoots().version();
        TrustedKey key = TckRecords.key("durable", T0);
        trustRoots().put(key);
        long v1 = trustRoots().version();
        reopen();
        assertEquals(key, trustRoots().get(TENANT, key.keyId()).orElseThrow());
        assertEquals(v1, trustRoots().version());
        trustRoots().put(TckRecords.revoked(key, T0.plusSeconds(5)));
        long v2 = trustRoots().version();
        assertNotEquals(v0, v2);
        assertNotEquals(v1, v2);
    }
}
