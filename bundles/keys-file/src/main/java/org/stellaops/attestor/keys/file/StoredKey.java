package org.stellaops.attestor.keys.file;

import java.security.PrivateKey;
import java.security.PublicKey;

import org.stellaops.attestor.api.model.KeyInfo;

/**
 * A key held in memory after it was unsealed.
 *
 * @param info the public description
 * @param publicKey the public key
 * @param privateKey the private key (never logged, never serialized in clear)
 */
record StoredKey(KeyInfo info, PublicKey publicKey, PrivateKey privateKey) {

    @Override
    public String toString() {
        return "StoredKey[" + info.keyId() + ", " + info.name() + ", " + info.algorithm() + "]";
    }
}
