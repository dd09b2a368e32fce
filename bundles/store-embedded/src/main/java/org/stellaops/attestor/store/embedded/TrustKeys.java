package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/**
 * Trusted keys ({@code trust.keys}: {@code <tenant>\0<key id>} → JSON) and the trust-root version
 * ({@code meta["trust.version"]}, one for every tenant), written together so a committed version number always
 * describes the committed keys. A tenant's keys are one key range ({@link IndexKeys}).
 */
final class TrustKeys implements TrustRootStore {

    /** The map name. */
    static final String MAP = "trust.keys";

    private static final String VERSION = "trust.version";
    private static final Comparator<TrustedKey> ORDER = Comparator.comparing(TrustedKey::createdAt)
            .thenComparing(TrustedKey::keyId).thenComparing(TrustedKey::tenant);

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<String, String> keys;
    private final MVMap<String, Long> meta;
    private final Object versionLock = new Object();
    private long version;

    TrustKeys(StoreFile file, RecordJson json) {
        this.file = file;
        this.json = json;
        this.keys = file.map(MAP);
        this.meta = file.map(StoreFile.META);
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
                keys.put(IndexKeys.scoped(key.tenant(), key.keyId()), encoded);
                meta.put(VERSION, ++version);
                return null;
            });
        }
        file.awaitDurable();
    }

    @Override
    public Optional<TrustedKey> get(String tenant, String keyId) {
        Tenants.require(tenant);
        Objects.requireNonNull(keyId, "keyId");
        String encoded = file.guard(() -> keys.get(IndexKeys.scoped(tenant, keyId)));
        return encoded == null ? Optional.empty() : Optional.of(json.read(encoded, TrustedKey.class));
    }

    @Override
    public List<TrustedKey> all(String tenant) {
        List<TrustedKey> result = new ArrayList<>();
        file.guard(() -> {
            if (tenant == null) {
                keys.values().forEach(v -> result.add(json.read(v, TrustedKey.class)));
                return null;
            }
            Tenants.require(tenant);
            String high = IndexKeys.tenantHigh(tenant);
            Cursor<String, String> range = keys.cursor(IndexKeys.tenantLow(tenant));
            while (range.hasNext() && range.next().compareTo(high) < 0) {
                result.add(json.read(range.getValue(), TrustedKey.class));
            }
            return null;
        });
        result.sort(ORDER);
        return result;
    }

    @Override
    public long version() {
        synchronized (versionLock) {
            return version;
        }
    }
}
