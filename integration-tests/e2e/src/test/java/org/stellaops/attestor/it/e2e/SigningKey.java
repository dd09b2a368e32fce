package org.stellaops.attestor.it.e2e;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;

/** A fresh ECDSA P-256 key that signs DSSE envelopes through the sdk, as a producer would. */
final class SigningKey {

    private final KeyPair pair;

    private SigningKey(KeyPair pair) {
        this.pair = pair;
    }

    static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new SigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    PublicKey publicKey() {
        return pair.getPublic();
    }

    PrivateKey privateKey() {
        return pair.getPrivate();
    }

    /** @return lowercase hex SHA-256 of the SPKI, which the server must report as the key id */
    String keyId() {
        return PublicKeys.keyId(pair.getPublic());
    }

    String publicKeyPem() {
        return PublicKeys.toPem(pair.getPublic());
    }

    String privateKeyPem() {
        return PrivateKeys.toPem(pair.getPrivate());
    }

    /** Signs an in-toto payload; the signature names this key in {@code keyid}. */
    Envelope sign(byte[] statement) {
        return DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement, pair.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, keyId());
    }
}
