package org.stellaops.attestor.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The trusted key version a signature verified with.
 *
 * @param keyId the id the key registry knows the version by (lowercase hex SHA-256 of the SPKI for keys the platform
 *              registered, but not necessarily: two ids may name the same public key)
 * @param name the key's name, shared by its versions
 * @param version the version number within the name, from 1
 * @param spkiSha256 lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the identity of the public key itself, by
 *                   which rules deduplicate signers
 * @param keySets the names of the key sets (trust roots) the key belongs to, sorted, without repeats
 * @param lifecycle the version's validity window
 */
public record SignerKey(String keyId, String name, int version, String spkiSha256, List<String> keySets,
                        KeyLifecycle lifecycle) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * @param keyId not empty
     * @param name not empty
     * @param version at least 1
     * @param spkiSha256 64 lowercase hex digits
     * @param keySets not null; sorted and deduplicated here
     * @param lifecycle not null
     */
    public SignerKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        if (keyId.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a signer key has an id and a name");
        }
        if (version < 1) {
            throw new IllegalArgumentException("key versions start at 1");
        }
        if (spkiSha256 == null || !SHA256_HEX.matcher(spkiSha256).matches()) {
            throw new IllegalArgumentException("spkiSha256 must be 64 lowercase hex digits");
        }
        keySets = keySets.stream().distinct().sorted().toList();
        Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /**
     * Whether a key reference of a policy names this key: its name (any version), its key id, or
     * {@code sha256:<spkiSha256>}.
     *
     * @param ref the reference
     * @return whether it matches
     */
    public boolean matches(String ref) {
        return ref.equals(name) || ref.equals(keyId) || ref.equals("sha256:" + spkiSha256);
    }
}
