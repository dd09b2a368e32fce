package org.stellaops.attestor.tlog.rekor;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;

/** A real in-memory key driver holding one EC P-256 key named {@code service}: the embedded log's checkpoint key. */
final class TestKeyDriver implements KeyDriver {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyInfo info;

    TestKeyDriver(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.info = new KeyInfo(PublicKeys.keyId(publicKey), "service", KeyAlgorithm.ECDSA_P256_SHA256,
                Bytes.of(PublicKeys.spki(publicKey)), KeyState.ACTIVE, Instant.now(), null);
    }

    static TestKeyDriver generate() {
        return new TestKeyDriver(Keys.p256());
    }

    PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return new KeyDriverCapabilities(Set.of(KeyAlgorithm.ECDSA_P256_SHA256), true, false, false);
    }

    @Override
    public List<KeyInfo> keys() {
        return List.of(info);
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return info.keyId().equals(keyId) ? Optional.of(info) : Optional.empty();
    }

    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM, "this test driver holds one key");
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        if (!info.keyId().equals(keyId)) {
            throw new KeyDriverException(KeyDriverException.NOT_FOUND, "no key " + keyId);
        }
        return Signatures.sign(privateKey, KeyAlgorithm.ECDSA_P256_SHA256, message);
    }
}
