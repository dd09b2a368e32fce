package org.stellaops.attestor.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.FactTerms;

/**
 * The rules of store contract 4.0.0 over a simple record storage (one lock for everything): compare-and-set that
 * refuses changes to anything but the publication state, leases beside the records, search in the contract's order
 * with {@link EntryCursor}s, and the creation event appended to the audit trail with its record. Records are keyed
 * by {@link #key(String, String)}: tenant and envelope digest.
 */
abstract class TestEntryStore implements EntryStore {

    private static final Comparator<EntryRecord> SEARCH_ORDER = Comparator.comparing(EntryRecord::createdAt)
            .thenComparing(EntryRecord::envelopeDigest).reversed();

    /** A lease held by one worker until a time. */
    private record Lease(String owner, Instant until) {
    }

    private final AuditStore audit;
    private final Map<String, Lease> leases = new HashMap<>();

    TestEntryStore(AuditStore audit) {
        this.audit = audit;
    }

    /** @return the storage key of a tenant's record */
    static String key(String tenant, String envelopeDigest) {
        return tenant + '|' + envelopeDigest;
    }

    static String key(EntryRecord record) {
        return key(record.tenant(), record.envelopeDigest());
    }

    protected abstract Optional<EntryRecord> load(String key);

    protected abstract void save(EntryRecord record);

    protected abstract List<EntryRecord> loadAll();

    @Override
    public synchronized Stored putIfAbsent(EntryRecord record) {
        Optional<EntryRecord> existing = load(key(record));
        if (existing.isPresent()) {
            return new Stored(existing.get(), false);
        }
        save(record);
        return new Stored(record, true);
    }

    @Override
    public synchronized Stored putIfAbsent(EntryRecord record, AuditEvent createdEvent) {
        Stored stored = putIfAbsent(record);
        if (stored.created()) {
            audit.append(createdEvent);
        }
        return stored;
    }

    @Override
    public synchronized boolean replaceIf(EntryRecord expected, EntryRecord next) {
        expected.checkReplacement(next);
        Optional<EntryRecord> current = load(key(expected));
        if (current.isEmpty() || !current.get().equals(expected)) {
            return false;
        }
        save(next);
        return true;
    }

    @Override
    public synchronized Optional<EntryRecord> byEnvelopeDigest(String tenant, String envelopeDigest) {
        return load(key(tenant, envelopeDigest));
    }

    @Override
    public synchronized Optional<EntryRecord> byUuid(String tenant, String uuid) {
        return loadAll().stream().filter(r -> r.tenant().equals(tenant)).filter(r -> r.uuid().equals(uuid)
                || r.signatures().stream().anyMatch(s -> s.uuid().equals(uuid))
                || r.logEntries().stream().anyMatch(e -> e.uuid().equals(uuid))).findFirst();
    }

    @Override
    public synchronized List<EntryRecord> pending(int limit) {
        return pendingOldestFirst().limit(limit).toList();
    }

    @Override
    public synchronized List<EntryRecord> claimable(String owner, Instant now, int limit) {
        return pendingOldestFirst().filter(r -> {
            Lease lease = leases.get(key(r));
            return lease == null || lease.owner().equals(owner) || !lease.until().isAfter(now);
        }).limit(limit).toList();
    }

    @Override
    public synchronized boolean tryLease(String tenant, String envelopeDigest, String owner, Instant now,
                                         Duration ttl) {
        String key = key(tenant, envelopeDigest);
        Optional<EntryRecord> record = load(key);
        Lease lease = leases.get(key);
        if (record.isEmpty() || !record.get().pending()) {
            return false;
        }
        if (lease != null && !lease.owner().equals(owner) && lease.until().isAfter(now)) {
            return false;
        }
        leases.put(key, new Lease(owner, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void releaseLease(String tenant, String envelopeDigest, String owner) {
        String key = key(tenant, envelopeDigest);
        Lease lease = leases.get(key);
        if (lease != null && lease.owner().equals(owner)) {
            leases.remove(key);
        }
    }

    /** @return the owner of a lease that is still running at {@code now}, if any */
    synchronized Optional<String> leaseHolder(EntryRecord record, Instant now) {
        return Optional.ofNullable(leases.get(key(record))).filter(l -> l.until().isAfter(now)).map(Lease::owner);
    }

    @Override
    public boolean searchesFacts() {
        return true;
    }

    @Override
    public synchronized EntryPage search(EntryQuery query) {
        EntryCursor cursor = query.cursor() == null ? null : EntryCursor.decode(query.cursor());
        List<EntryRecord> matches = loadAll().stream()
                .filter(r -> r.tenant().equals(query.tenant()))
                .filter(r -> cursor == null || cursor.precedes(r))
                .filter(r -> query.subjectDigest() == null || r.subjectDigests().contains(query.subjectDigest()))
                .filter(r -> query.predicateType() == null || r.predicateType().equals(query.predicateType()))
                .filter(r -> query.signerKeyId() == null || r.signerKeyIds().contains(query.signerKeyId()))
                .filter(r -> query.since() == null || !r.createdAt().isBefore(query.since()))
                .filter(r -> query.until() == null || r.createdAt().isBefore(query.until()))
                .filter(r -> FactTerms.matches(r.facts(), query.facts()))
                .sorted(SEARCH_ORDER).limit(query.limit() + 1L).toList();
        if (matches.size() <= query.limit()) {
            return new EntryPage(matches, null);
        }
        List<EntryRecord> page = matches.subList(0, query.limit());
        return new EntryPage(page, EntryCursor.after(page.get(page.size() - 1)).encode());
    }

    @Override
    public synchronized List<EntryRecord> recent(String tenant, int limit) {
        return loadAll().stream().filter(r -> tenant == null || r.tenant().equals(tenant)).sorted(SEARCH_ORDER)
                .limit(limit).toList();
    }

    @Override
    public synchronized long count() {
        return loadAll().size();
    }

    @Override
    public synchronized long count(String tenant) {
        return loadAll().stream().filter(r -> r.tenant().equals(tenant)).count();
    }

    private Stream<EntryRecord> pendingOldestFirst() {
        return loadAll().stream().filter(EntryRecord::pending).sorted(Comparator.comparing(EntryRecord::createdAt));
    }
}
