package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DigestSetsTest {

    private static final String A = "a".repeat(64);

    @Test
    void keepsOnlyWellFormedMembers() {
        assertEquals(Map.of("sha256", A), DigestSets.read(Reporting.json("{\"SHA256\": \"" + A + "\", \"sha512\": "
                + "\"XYZ\", \"sha384\": 5, \"md5\": \"abc\"}")));
        assertEquals(Map.of(), DigestSets.read(Reporting.json("[\"" + A + "\"]")));
        assertEquals(Map.of(), DigestSets.read(null));
    }

    @Test
    void makesOneClaimPerDigestAtItsMember() {
        assertEquals(List.of(new DigestClaim("/predicate/artifact/digest/sha256", "sha256", A, 0, "the artifact")),
                DigestSets.claims(Reporting.json("{\"sha256\": \"" + A + "\"}"), "/predicate/artifact/digest", 0,
                        "the artifact"));
    }
}
