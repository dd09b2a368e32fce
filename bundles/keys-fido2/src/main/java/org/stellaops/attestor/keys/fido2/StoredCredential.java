package org.stellaops.attestor.keys.fido2;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

/**
 * A registered authenticator credential, as kept in {@code <directory>/credentials/<keyId>.json}.
 *
 * @param keyId lowercase hex SHA-256 of {@code publicKey}
 * @param name the human-readable key name, unique in the driver
 * @param principal the principal who registered it and alone may sign with it
 * @param credentialId the WebAuthn credential id
 * @param userHandle the WebAuthn user handle of the principal
 * @param publicKeyCose the credential public key as the authenticator gave it (COSE_Key)
 * @param publicKey the same key as a DER SubjectPublicKeyInfo
 * @param signatureCount the highest signature counter seen
 * @param backupEligible the BE flag at registration (it must not change afterwards)
 * @param transports the transports the browser reported (hints for later ceremonies)
 * @param createdAt when it was registered
 * @param state the lifecycle state
 */
record StoredCredential(String keyId, String name, String principal, Bytes credentialId, Bytes userHandle,
                        Bytes publicKeyCose, Bytes publicKey, long signatureCount, boolean backupEligible,
                        Set<String> transports, Instant createdAt, KeyState state) {

    StoredCredential {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(publicKeyCose, "publicKeyCose");
        Objects.requireNonNull(publicKey, "publicKey");
        transports = Set.copyOf(transports);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }

    /** @return the public description of the key */
    KeyInfo info() {
        return new KeyInfo(keyId, name, KeyAlgorithm.WEBAUTHN_ES256, publicKey, state, createdAt, null);
    }

    /**
     * @param count the counter of a verified assertion
     * @return this credential with that counter
     */
    StoredCredential withSignatureCount(long count) {
        return new StoredCredential(keyId, name, principal, credentialId, userHandle, publicKeyCose, publicKey, count,
                backupEligible, transports, createdAt, state);
    }
}
