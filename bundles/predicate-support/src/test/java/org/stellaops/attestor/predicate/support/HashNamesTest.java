package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HashNamesTest {

    @Test
    void translatesEachFormatsSpellingToTheInTotoName() {
        assertEquals("sha256", HashNames.fromCycloneDx("SHA-256"));
        assertEquals("sha3_384", HashNames.fromCycloneDx("SHA3-384"));
        assertEquals("sha256", HashNames.fromSpdx("SHA256"));
        assertEquals("sha224", HashNames.fromSpdx("SHA224"));
        assertEquals("sha256", HashNames.fromOpenVex("sha-256"));
        assertEquals("blake2s", HashNames.fromOpenVex("blake2s-256"));
    }

    @Test
    void translatesAlgorithmsWithoutAnUnambiguousInTotoNameToNothing() {
        assertNull(HashNames.fromCycloneDx("BLAKE3"));
        assertNull(HashNames.fromSpdx("BLAKE2b-256"));
        assertNull(HashNames.fromOpenVex("blake2b-256"));
        assertNull(HashNames.fromCycloneDx("sha-256"));
        assertNull(HashNames.fromSpdx(null));
    }
}
