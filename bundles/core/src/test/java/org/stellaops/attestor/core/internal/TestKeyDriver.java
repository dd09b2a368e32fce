package org.stellaops.attestor.core.internal;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;

/** An in-memory key driver with real ECDSA P-256 keys (the file driver's behaviour without the files). */
final class TestKeyDriver implements KeyDriver {

    private record Held(KeyInfo info, KeyPair pair) {
    }

    private final Map<String, Held> keys = new ConcurrentHashMap<>();
    private final String name;

    TestKeyDriver() {
        this("file");
    }

    /** @param name the driver name, as its {@code attestor.key.driver} property would give it */
    TestKeyDriver(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return new KeyDriverCapabilities(Set.of(KeyAlgorithm.ECDSA_P256_SHA256), false, false, false);
    }

    @Override
    public List<KeyInfo> keys() {
        return new ArrayList<>(keys.values().stream().map(Held::info).toList());
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId)).map(Held::info);
    }

    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        if (algorithm != KeyAlgorithm.ECDSA_P256_SHA256) {
            throw new KeyDriverException(KeyDriverException.UNSUPPORTED_ALGORITHM, algorithm.name());
        }
        KeyPair pair = TestKeys.p256();
        String keyId = PublicKeys.keyId(pair.getPublic());
        KeyInfo info = new KeyInfo(keyId, name, algorithm, Bytes.of(PublicKeys.spki(pair.getPublic())),
                KeyState.ACTIVE, Instant.now(), null);
        keys.put(keyId, new Held(info, pair));
        return info;
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        Held held = keys.get(keyId);
        if (held == null) {
            throw new KeyDriverException(KeyDriverException.NOT_FOUND, keyId);
        }
        return Signatures.sign(held.pair().getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, message);
    }
}
