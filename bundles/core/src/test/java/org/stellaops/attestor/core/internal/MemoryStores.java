package org.stellaops.attestor.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/** In-memory trust roots, audit trail and content store for tests. */
final class MemoryStores {

    private MemoryStores() {
    }

    /** Trust roots. */
    static final class Trust implements TrustRootStore {
        private final Map<String, TrustedKey> keys = new ConcurrentHashMap<>();
        private final AtomicLong version = new AtomicLong();

        @Override
        public void put(TrustedKey key) {
            keys.put(key.keyId(), key);
            version.incrementAndGet();
        }

        @Override
        public Optional<TrustedKey> get(String keyId) {
            return Optional.ofNullable(keys.get(keyId));
        }

        @Override
        public List<TrustedKey> all() {
            return new ArrayList<>(keys.values());
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    /** Audit trail. */
    static final class Audit implements AuditStore {
        private final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void append(AuditEvent event) {
            events.add(event);
        }

        @Override
        public List<AuditEvent> recentEvents(int limit) {
            synchronized (events) {
                List<AuditEvent> newest = new ArrayList<>(events);
                Collections.reverse(newest);
                return newest.subList(0, Math.min(limit, newest.size()));
            }
        }

        @Override
        public long eventCount() {
            return events.size();
        }

        List<String> actions() {
            synchronized (events) {
                return events.stream().map(AuditEvent::action).toList();
            }
        }
    }

    /** Content-addressed archive. */
    static final class Cas implements ContentStore {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public String put(byte[] bytes) {
            String digest = sha256(bytes);
            blobs.putIfAbsent(digest, bytes.clone());
            return digest;
        }

        @Override
        public Optional<byte[]> get(String digest) {
            return Optional.ofNullable(blobs.get(digest)).map(byte[]::clone);
        }

        @Override
        public boolean contains(String digest) {
            return blobs.containsKey(digest);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
