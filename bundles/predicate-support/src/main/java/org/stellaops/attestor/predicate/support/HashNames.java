package org.stellaops.attestor.predicate.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Translates the hash algorithm names of predicate formats into in-toto DigestSet names (NIST names, lowercase,
 * {@code -} replaced by {@code _}), so that a digest a predicate gives can be compared with the statement's subjects.
 * Algorithms without an unambiguous in-toto name (BLAKE2b-256, BLAKE2b-384, BLAKE3, MD2, MD4, MD6, ADLER32)
 * translate to nothing and are not compared.
 *
 * @since 1.1
 */
public final class HashNames {

    /** CycloneDX 1.4–1.6 {@code hash-alg}. */
    private static final Map<String, String> CYCLONEDX = table("MD5 md5, SHA-1 sha1, SHA-256 sha256, SHA-384 sha384, "
            + "SHA-512 sha512, SHA3-256 sha3_256, SHA3-384 sha3_384, SHA3-512 sha3_512, BLAKE2b-512 blake2b");

    /** SPDX 2.2/2.3 checksum {@code algorithm}. */
    private static final Map<String, String> SPDX = table("MD5 md5, SHA1 sha1, SHA224 sha224, SHA256 sha256, "
            + "SHA384 sha384, SHA512 sha512, SHA3-256 sha3_256, SHA3-384 sha3_384, SHA3-512 sha3_512, "
            + "BLAKE2b-512 blake2b");

    /** OpenVEX 0.2.0 "Hash Names Table" (IANA hash function textual names). */
    private static final Map<String, String> OPENVEX = table("md5 md5, sha1 sha1, sha-256 sha256, sha-384 sha384, "
            + "sha-512 sha512, sha3-224 sha3_224, sha3-256 sha3_256, sha3-384 sha3_384, sha3-512 sha3_512, "
            + "blake2s-256 blake2s, blake2b-512 blake2b");

    private HashNames() {
    }

    /**
     * @param alg a CycloneDX hash algorithm, exactly as the schema spells it ({@code SHA-256}), or null
     * @return its in-toto name, or null when it has none
     */
    public static String fromCycloneDx(String alg) {
        return alg == null ? null : CYCLONEDX.get(alg);
    }

    /**
     * @param algorithm an SPDX 2 checksum algorithm ({@code SHA256}), or null
     * @return its in-toto name, or null when it has none
     */
    public static String fromSpdx(String algorithm) {
        return algorithm == null ? null : SPDX.get(algorithm);
    }

    /**
     * @param label an OpenVEX hash label ({@code sha-256}), or null
     * @return its in-toto name, or null when it has none
     */
    public static String fromOpenVex(String label) {
        return label == null ? null : OPENVEX.get(label);
    }

    /** @return the pairs {@code "<format name> <in-toto name>, …"} as a map */
    private static Map<String, String> table(String pairs) {
        Map<String, String> names = new HashMap<>();
        for (String pair : pairs.split(",\\s*")) {
            String[] parts = pair.split(" ");
            names.put(parts[0], parts[1]);
        }
        return Map.copyOf(names);
    }
}
