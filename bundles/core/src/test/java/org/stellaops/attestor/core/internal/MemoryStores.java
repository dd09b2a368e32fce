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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.TrustedKey;

/** In-memory trust roots, audit trail, entry records and content store for tests. */
final class MemoryStores {

    private MemoryStores() {
    }

    /** Trust roots. */
    static final class Trust implements TrustRootStore {
        private final Map<String, TrustedKey> keys = new ConcurrentHashMap<>();
        private final AtomicLong version = new AtomicLong();

        @Override
        public void put(TrustedKey key) {
            keys.put(key.tenant() + '|' + key.keyId(), key);
            version.incrementAndGet();
        }

        @Override
        public Optional<TrustedKey> get(String tenant, String keyId) {
            return Optional.ofNullable(keys.get(tenant + '|' + keyId));
        }

        @Override
        public List<TrustedKey> all(String tenant) {
            List<TrustedKey> all = new ArrayList<>(keys.values().stream()
                    .filter(k -> tenant == null || k.tenant().equals(tenant)).toList());
            all.sort(java.util.Comparator.comparing(TrustedKey::createdAt).thenComparing(TrustedKey::keyId)
                    .thenComparing(TrustedKey::tenant));
            return all;
        }

        @Override
        public long version() {
            return version.get();
        }
    }

    /** The hash-chained audit trail, with ways to tamper with it. */
    static final class Audit implements AuditStore {
        private final List<ChainedAuditEvent> events = new ArrayList<>();

        @Override
        public synchronized ChainedAuditEvent append(AuditEvent event) {
            ChainedAuditEvent linked = AuditChain.link(events.isEmpty() ? null : events.get(events.size() - 1), event);
            events.add(linked);
            return linked;
        }

        @Override
        public synchronized Optional<ChainedAuditEvent> head() {
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
        }

        @Override
        public synchronized List<ChainedAuditEvent> chain(long fromSeq, int limit) {
            return events.stream().filter(e -> e.seq() >= fromSeq).limit(limit).toList();
        }

        @Override
        public synchronized AuditPage events(AuditQuery q) {
            List<ChainedAuditEvent> newest = new ArrayList<>(events);
            Collections.reverse(newest);
            List<ChainedAuditEvent> matches = newest.stream()
                    .filter(e -> q.beforeSeq() == 0 || e.seq() < q.beforeSeq())
                    .filter(e -> q.tenant() == null || q.tenant().equals(e.event().tenant()))
                    .filter(e -> q.actor() == null || q.actor().equals(e.event().actor()))
                    .filter(e -> q.action() == null || q.action().equals(e.event().action()))
                    .filter(e -> q.target() == null || q.target().equals(e.event().target()))
                    .filter(e -> q.outcome() == null || q.outcome().equals(e.event().outcome()))
                    .filter(e -> q.since() == null || !e.event().time().isBefore(q.since()))
                    .filter(e -> q.until() == null || e.event().time().isBefore(q.until()))
                    .limit(q.limit() + 1L).toList();
            if (matches.size() <= q.limit()) {
                return new AuditPage(matches, 0);
            }
            List<ChainedAuditEvent> page = matches.subList(0, q.limit());
            return new AuditPage(page, page.get(page.size() - 1).seq());
        }

        @Override
        public synchronized List<AuditEvent> recentEvents(int limit) {
            List<AuditEvent> newest = new ArrayList<>(events.stream().map(ChainedAuditEvent::event).toList());
            Collections.reverse(newest);
            return newest.subList(0, Math.min(limit, newest.size()));
        }

        @Override
        public synchronized long eventCount() {
            return events.size();
        }

        synchronized List<String> actions() {
            return events.stream().map(e -> e.event().action()).toList();
        }

        /** Changes an event in place, keeping its stored hashes: what an attacker without the chain code does. */
        synchronized void tamper(long seq, AuditEvent forged) {
            ChainedAuditEvent old = events.get((int) seq - 1);
            events.set((int) seq - 1, new ChainedAuditEvent(seq, old.previousHash(), old.hash(), forged));
        }

        /** Changes an event and recomputes every hash from it on: a consistent rewrite of history. */
        synchronized void rewrite(long seq, AuditEvent forged) {
            List<AuditEvent> rest = new ArrayList<>(events.subList((int) seq, events.size()).stream()
                    .map(ChainedAuditEvent::event).toList());
            events.subList((int) seq - 1, events.size()).clear();
            append(forged);
            rest.forEach(this::append);
        }
    }

    /** Entry records in memory, with the contract's compare-and-set, leases and search. */
    static final class Entries extends TestEntryStore {
        private final Map<String, EntryRecord> records = new ConcurrentHashMap<>();

        Entries(AuditStore audit) {
            super(audit);
        }

        @Override
        protected Optional<EntryRecord> load(String key) {
            return Optional.ofNullable(records.get(key));
        }

        @Override
        protected void save(EntryRecord record) {
            records.put(key(record), record);
        }

        @Override
        protected List<EntryRecord> loadAll() {
            return new ArrayList<>(records.values());
        }
    }

    /** Content-addressed archive that counts its {@link #putAll} calls and can be made to fail. */
    static final class Cas implements ContentStore {
        private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        final AtomicInteger putAllCalls = new AtomicInteger();
        volatile boolean failing;

        @Override
        public List<String> putAll(List<byte[]> contents) {
            putAllCalls.incrementAndGet();
            return ContentStore.super.putAll(contents);
        }

        @Override
        public String put(byte[] bytes) {
            if (failing) {
                throw new org.stellaops.attestor.cas.StorageException(org.stellaops.attestor.cas.StorageException.FAILURE,
                        "the test archive is failing", null);
            }
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

    /** Policy versions and approvals. */
    static final class Policies implements org.stellaops.attestor.store.PolicyStore {
        private final java.util.TreeMap<String, org.stellaops.attestor.store.PolicyVersion> versions =
                new java.util.TreeMap<>();
        private final java.util.TreeMap<String, org.stellaops.attestor.store.PolicyApproval> approvals =
                new java.util.TreeMap<>();
        private final AtomicLong revision = new AtomicLong();

        private static String key(String tenant, String id, int version) {
            return tenant + '\0' + id + '\0' + String.format("%010d", version);
        }

        @Override
        public synchronized boolean append(org.stellaops.attestor.store.PolicyVersion version) {
            String key = key(version.tenant(), version.policyId(), version.version());
            if (versions.containsKey(key)) {
                return false;
            }
            versions.put(key, version);
            revision.incrementAndGet();
            return true;
        }

        @Override
        public synchronized Optional<org.stellaops.attestor.store.PolicyVersion> get(String tenant, String id,
                                                                                   int version) {
            return Optional.ofNullable(versions.get(key(tenant, id, version)));
        }

        @Override
        public synchronized List<org.stellaops.attestor.store.PolicyVersion> history(String tenant, String id) {
            return List.copyOf(versions.subMap(tenant + '\0' + id + '\0', tenant + '\0' + id + '\1').values());
        }

        @Override
        public synchronized List<org.stellaops.attestor.store.PolicyVersion> allVersions(String tenant) {
            return List.copyOf(versions.subMap(tenant + '\0', tenant + '\1').values());
        }

        @Override
        public synchronized boolean approve(org.stellaops.attestor.store.PolicyApproval approval) {
            if (get(approval.tenant(), approval.policyId(), approval.version()).isEmpty()) {
                throw new IllegalArgumentException("no such policy version");
            }
            String key = key(approval.tenant(), approval.policyId(), approval.version()) + '\0'
                    + approval.approvedAt() + '\0' + approval.approver();
            boolean again = approvals.values().stream().anyMatch(a -> a.tenant().equals(approval.tenant())
                    && a.policyId().equals(approval.policyId()) && a.version() == approval.version()
                    && a.approver().equals(approval.approver()));
            if (again) {
                return false;
            }
            approvals.put(key, approval);
            revision.incrementAndGet();
            return true;
        }

        @Override
        public synchronized List<org.stellaops.attestor.store.PolicyApproval> approvals(String tenant, String id) {
            return List.copyOf(approvals.subMap(tenant + '\0' + id + '\0', tenant + '\0' + id + '\1').values());
        }

        @Override
        public long revision() {
            return revision.get();
        }
    }
}
