package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.RecordJson;

/**
 * Trusted keys ({@code trust.keys}: key id → JSON) and the trust-root version ({@code meta["trust.version"]}),
 * written together so a committed version number always describes the committed keys.
 */
final class TrustKeys implements TrustRootStore {

    private static final String VERSION = "trust.version";

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<String, String> keys;
    private final MVMap<String, Long> meta;
    private final Object versionLock = new Object();
    private long version;

    TrustKeys(StoreFile file, RecordJson json) {
        this.file = file;
        this.json = json;
        this.keys = file.map("trust.keys");
        this.meta = file.map("meta");
        Long stored = file.guard(() -> meta.get(VERSION));
        this.version = stored == null ? 0 : stored;
    }

    @Override
    public void put(TrustedKey key) {
        Objects.requireNonNull(key, "key");
        String encoded = json.write(key);
        // puts are rare; one at a time keeps the persisted version strictly increasing
        synchronized (versionLock) {
            file.apply(() -> {
                keys.put(key.keyId(), encoded);
                meta.put(VERSION, ++version);
                return null;
            });
        }
        file.awaitDurable();
    }

    @Override
    public Optional<TrustedKey> get(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        String encoded = file.guard(() -> keys.get(keyId));
        return encoded == null ? Optional.empty() : Optional.of(json.read(encoded, TrustedKey.class));
    }

    @Override
    public List<TrustedKey> all() {
        List<TrustedKey> result = new ArrayList<>();
        file.guard(() -> {
            keys.values().forEach(v -> result.add(json.read(v, TrustedKey.class)));
            return null;
        });
        result.sort(Comparator.comparing(TrustedKey::createdAt).thenComparing(TrustedKey::keyId));
        return result;
    }

    @Override
    public long version() {
        synchronized (versionLock) {
            return version;
        }
    }
}
