package org.stellaops.attestor.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;

/**
 * A real key driver holding one EC P-256 key in memory, for tests and benchmarks of components that sign through the
 * {@link KeyDriver} SPI (checkpoints, receipts) where the file driver's disk and key encryption are beside the point.
 */
public final class MemoryKeyDriver implements KeyDriver {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyInfo info;
    private final AtomicInteger signatures = new AtomicInteger();

    /**
     * @param privateKey an EC P-256 private key
     * @param name the key's name in the driver
     */
    public MemoryKeyDriver(PrivateKey privateKey, String name) {
        this.privateKey = privateKey;
        this.publicKey = PrivateKeys.publicKeyOf(privateKey);
        this.info = new KeyInfo(PublicKeys.keyId(publicKey), name, KeyAlgorithm.ECDSA_P256_SHA256,
                Bytes.of(PublicKeys.spki(publicKey)), KeyState.ACTIVE, Instant.now(), null);
    }

    /** @return a driver with a fresh key named {@code service} */
    public static MemoryKeyDriver generate() {
        return new MemoryKeyDriver(generateKeyPair().getPrivate(), "service");
    }

    /** @return a fresh P-256 key pair */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the public half */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** @return the private half */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return how many signatures the driver made */
    public int signatureCount() {
        return signatures.get();
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
        signatures.incrementAndGet();
        return Signatures.sign(privateKey, KeyAlgorithm.ECDSA_P256_SHA256, message);
    }
}
