package org.stellaops.attestor.predicate.vex;

import java.util.Map;

/**
 * Translates the hash names of VEX formats into in-toto digest-set names (NIST names, lowercase, {@code -} replaced by
 * {@code _}). Algorithms without an unambiguous in-toto name (BLAKE2b-256, BLAKE2b-384, BLAKE3) translate to nothing
 * and are not compared with the subjects.
 */
final class HashNames {

    /** OpenVEX 0.2.0 "Hash Names Table" (IANA hash function textual names). */
    private static final Map<String, String> OPENVEX = Map.ofEntries(
            Map.entry("md5", "md5"),
            Map.entry("sha1", "sha1"),
            Map.entry("sha-256", "sha256"),
            Map.entry("sha-384", "sha384"),
            Map.entry("sha-512", "sha512"),
            Map.entry("sha3-224", "sha3_224"),
            Map.entry("sha3-256", "sha3_256"),
            Map.entry("sha3-384", "sha3_384"),
            Map.entry("sha3-512", "sha3_512"),
            Map.entry("blake2s-256", "blake2s"),
            Map.entry("blake2b-512", "blake2b"));

    /** CycloneDX 1.4–1.6 {@code hash-alg}. */
    private static final Map<String, String> CYCLONEDX = Map.ofEntries(
            Map.entry("MD5", "md5"),
            Map.entry("SHA-1", "sha1"),
            Map.entry("SHA-256", "sha256"),
            Map.entry("SHA-384", "sha384"),
            Map.entry("SHA-512", "sha512"),
            Map.entry("SHA3-256", "sha3_256"),
            Map.entry("SHA3-384", "sha3_384"),
            Map.entry("SHA3-512", "sha3_512"),
            Map.entry("BLAKE2b-512", "blake2b"));

    private HashNames() {
    }

    /** @return the in-toto name of an OpenVEX hash label, or null when it has none */
    static String fromOpenVex(String label) {
        return label == null ? null : OPENVEX.get(label);
    }

    /** @return the in-toto name of a CycloneDX hash algorithm, or null when it has none */
    static String fromCycloneDx(String alg) {
        return alg == null ? null : CYCLONEDX.get(alg);
    }
}
