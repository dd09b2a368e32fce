package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeySetsTest {

    @Test
    void definesASetWithoutTenantInEveryTenant() {
        KeySets sets = KeySets.parse(new String[] {"release-signers=alice, bob,carol"});
        assertEquals(Map.of("release-signers", Set.of("alice", "bob", "carol")), sets.of("acme"));
        assertEquals(Map.of("release-signers", Set.of("alice", "bob", "carol")), sets.of("other"));
    }

    @Test
    void letsATenantsOwnDefinitionReplaceTheSharedOne() {
        KeySets sets = KeySets.parse(new String[] {"scanners=trivy", "acme/scanners=grype", "acme/vex=alice"});
        assertEquals(Map.of("scanners", Set.of("grype"), "vex", Set.of("alice")), sets.of("acme"));
        assertEquals(Map.of("scanners", Set.of("trivy")), sets.of("other"));
    }

    @Test
    void namesTheSetsThatListAKey() {
        KeySets sets = KeySets.parse(new String[] {"b-set=alice", "a-set=alice,bob", "c-set=bob"});
        assertEquals(List.of("a-set", "b-set"), sets.containing("acme", "alice"));
        assertEquals(List.of(), sets.containing("acme", "mallory"));
    }

    @Test
    void leavesOutMalformedEntries() {
        KeySets sets = KeySets.parse(new String[] {"no-equals", "bad tenant/x=a", "/x=a", "-bad=a", " ", "ok=a"});
        assertEquals(Map.of("ok", Set.of("a")), sets.of("acme"));
    }
}
