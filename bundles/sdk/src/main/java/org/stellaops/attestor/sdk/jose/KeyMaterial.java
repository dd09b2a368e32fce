package org.stellaops.attestor.sdk.jose;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key of a JWK in both forms: key objects for cryptography and the canonical base64url members for JSON and
 * thumbprints.
 *
 * @param kty {@code EC}, {@code RSA} or {@code OKP}
 * @param crv the curve name, or null for RSA
 * @param publicKey the BouncyCastle public key
 * @param privateKey the private key, or null
 * @param publicMembers the key's public members in output order ({@code x, y} / {@code n, e} / {@code x})
 * @param privateMembers the private members ({@code d}, RSA CRT members), empty when absent or not extractable
 */
record KeyMaterial(String kty, String crv, PublicKey publicKey, PrivateKey privateKey,
        Map<String, String> publicMembers, Map<String, String> privateMembers) {

    KeyMaterial {
        publicMembers = Collections.unmodifiableMap(new LinkedHashMap<>(publicMembers));
        privateMembers = Collections.unmodifiableMap(new LinkedHashMap<>(privateMembers));
    }

    /** @return the RFC 7638 input: the required members in lexicographic order, no whitespace */
    String thumbprintInput() {
        StringBuilder json = new StringBuilder("{");
        switch (kty) {
            case "RSA":
                json.append("\"e\":\"").append(publicMembers.get("e")).append("\",\"kty\":\"RSA\",\"n\":\"")
                        .append(publicMembers.get("n")).append('"');
                break;
            case "EC":
                json.append("\"crv\":\"").append(crv).append("\",\"kty\":\"EC\",\"x\":\"")
                        .append(publicMembers.get("x")).append("\",\"y\":\"").append(publicMembers.get("y"))
                        .append('"');
                break;
            default:
                json.append("\"crv\":\"").append(crv).append("\",\"kty\":\"OKP\",\"x\":\"")
                        .append(publicMembers.get("x")).append('"');
        }
        return json.append('}').toString();
    }

    /** @return a copy without the private key */
    KeyMaterial publicOnly() {
        return new KeyMaterial(kty, crv, publicKey, null, publicMembers, Map.of());
    }
}
