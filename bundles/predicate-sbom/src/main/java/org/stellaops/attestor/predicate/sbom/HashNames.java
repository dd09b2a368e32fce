package org.stellaops.attestor.predicate.sbom;

import java.util.Map;

/**
 * Translates the hash algorithm names of SBOM formats into in-toto DigestSet names (NIST names, lowercase, {@code -}
 * replaced by {@code _}). Algorithms without an unambiguous in-toto name (BLAKE2b-256, BLAKE2b-384, BLAKE3, MD2, MD4,
 * MD6, ADLER32) translate to nothing and are not compared with the subjects.
 */
final class HashNames {

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

    /** SPDX 2.2/2.3 checksum {@code algorithm}. */
    private static final Map<String, String> SPDX = Map.ofEntries(
            Map.entry("MD5", "md5"),
            Map.entry("SHA1", "sha1"),
            Map.entry("SHA224", "sha224"),
            Map.entry("SHA256", "sha256"),
            Map.entry("SHA384", "sha384"),
            Map.entry("SHA512", "sha512"),
            Map.entry("SHA3-256", "sha3_256"),
            Map.entry("SHA3-384", "sha3_384"),
            Map.entry("SHA3-512", "sha3_512"),
            Map.entry("BLAKE2b-512", "blake2b"));

    private HashNames() {
    }

    /** @return the in-toto name of a CycloneDX hash algorithm, or null when it has none */
    static String fromCycloneDx(String alg) {
        return alg == null ? null : CYCLONEDX.get(alg);
    }

    /** @return the in-toto name of an SPDX checksum algorithm, or null when it has none */
    static String fromSpdx(String algorithm) {
        return algorithm == null ? null : SPDX.get(algorithm);
    }
}
