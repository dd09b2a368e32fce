package org.stellaops.attestor.keys.pkcs11;

import java.security.PrivateKey;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyInfo;

/**
 * A key on the token that passed the start-up check: its public information and the handle of its private key
 * (a SunPKCS11 key object; the key material itself never leaves the token).
 *
 * @param info public information; {@code name} is the KeyStore alias
 * @param privateKey the token key handle
 */
record TokenKey(KeyInfo info, PrivateKey privateKey) {
    TokenKey {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
