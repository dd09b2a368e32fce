package org.stellaops.attestor.bench.jmh;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
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

/**
 * A key driver holding one freshly generated P-256 key in memory, named {@code service}: the embedded log signs
 * its checkpoints with it, as it does with the file driver's key in the service (minus the disk).
 */
final class MemoryKeyDriver implements KeyDriver {

    private final KeyPair pair;
    private final KeyInfo info;

    MemoryKeyDriver() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is a required JDK curve", e);
        }
        info = new KeyInfo(PublicKeys.keyId(pair.getPublic()), "service", KeyAlgorithm.ECDSA_P256_SHA256,
                Bytes.of(PublicKeys.spki(pair.getPublic())), KeyState.ACTIVE, Instant.now(), null);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return new KeyDriverCapabilities(Set.of(KeyAlgorithm.ECDSA_P256_SHA256), false, false, false);
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
        throw new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM, "the benchmark driver holds one key");
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        if (!info.keyId().equals(keyId)) {
            throw new KeyDriverException(KeyDriverException.NOT_FOUND, "no key " + keyId);
        }
        return Signatures.sign(pair.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, message);
    }

    /** @return the public half, for building requests */
    java.security.PublicKey publicKey() {
        return pair.getPublic();
    }
}
