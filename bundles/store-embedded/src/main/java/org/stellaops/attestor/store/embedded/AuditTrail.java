package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.AuditChain;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.RecordJson;

/**
 * The append-only, hash-chained audit trail: {@code audit.chain} maps each event's sequence number (1, 2, …) to the
 * JSON of its {@link ChainedAuditEvent}, and {@code audit.byTenant} maps {@code <tenant>\0<sequence>} (the operator's
 * tenant is empty) to the sequence number, so a query of one tenant reads only that tenant's events. Appends are serialized by one lock, taken inside the store's shared write
 * section, so the chain never forks and every committed version holds a gapless prefix of it; the fsync still
 * happens outside the lock (group commit). Nothing removes or rewrites an event.
 */
final class AuditTrail implements AuditStore {

    /** The map name. */
    static final String MAP = "audit.chain";
    /** The map of each tenant's sequence numbers. */
    static final String TENANT_MAP = "audit.byTenant";

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<Long, Object> events;
    private final MVMap<String, Long> byTenant;
    private final ReentrantLock appendLock = new ReentrantLock();
    /** The last appended event; guarded by {@link #appendLock}. */
    private ChainedAuditEvent head;

    AuditTrail(StoreFile file, RecordJson json) {
        this.file = file;
        this.json = json;
        this.events = file.map(MAP);
        this.byTenant = file.map(TENANT_MAP);
        this.head = readHead();
    }

    /** Re-reads the head after a migration appended to the map directly. */
    void reload() {
        appendLock.lock();
        try {
            head = readHead();
        } finally {
            appendLock.unlock();
        }
    }

    private ChainedAuditEvent readHead() {
        return file.guard(() -> {
            Map.Entry<Long, String> last = lastEntry();
            return last == null ? null : decode(last.getValue());
        });
    }

    private Map.Entry<Long, String> lastEntry() {
        Long key = events.lastKey();
        String value = key == null ? null : StoredJson.decode(events.get(key));
        return value == null ? null : Map.entry(key, value);
    }

    @Override
    public ChainedAuditEvent append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        ChainedAuditEvent stored = file.apply(() -> appendWithinMutation(event));
        file.awaitDurable();
        return stored;
    }

    /** All events in one mutation, so a burst of verification events costs one commit and one fsync. */
    @Override
    public List<ChainedAuditEvent> appendAll(List<AuditEvent> batch) {
        List<AuditEvent> copy = List.copyOf(batch);
        List<ChainedAuditEvent> stored = file.apply(() -> {
            List<ChainedAuditEvent> chained = new ArrayList<>(copy.size());
            for (AuditEvent event : copy) {
                chained.add(appendWithinMutation(event));
            }
            return chained;
        });
        file.awaitDurable();
        return stored;
    }

    /**
     * Appends an event as part of a mutation already running in {@link StoreFile#apply}; the caller's commit makes
     * it durable together with the rest of the mutation. Lock order: the store's shared section, then the append
     * lock (never the other way round, or a waiting commit could deadlock the two).
     *
     * @param event the event
     * @return the event as chained
     */
    ChainedAuditEvent appendWithinMutation(AuditEvent event) {
        appendLock.lock();
        try {
            ChainedAuditEvent next = AuditChain.link(head, event);
            events.put(next.seq(), StoredJson.encode(json.write(next)));
            indexTenant(next);
            head = next;
            return next;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Adds an event's key to {@code audit.byTenant}; runs inside a mutation. Idempotent.
     *
     * @param event a chained event
     */
    void indexTenant(ChainedAuditEvent event) {
        byTenant.put(IndexKeys.scoped(event.event().tenant(), IndexKeys.sequence(event.seq())), event.seq());
    }

    /**
     * @param encoded the stored JSON of a chained event
     * @return the event
     */
    ChainedAuditEvent decode(String encoded) {
        return json.read(encoded, ChainedAuditEvent.class);
    }

    @Override
    public Optional<ChainedAuditEvent> head() {
        return Optional.ofNullable(readHead());
    }

    @Override
    public List<ChainedAuditEvent> chain(long fromSeq, int limit) {
        List<ChainedAuditEvent> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<Long> keys = events.keyIterator(Math.max(1, fromSeq));
            while (keys.hasNext() && result.size() < limit) {
                String encoded = StoredJson.decode(events.get(keys.next()));
                if (encoded != null) {
                    result.add(decode(encoded));
                }
            }
            return null;
        });
        return result;
    }

    @Override
    public AuditPage events(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return query.tenant() == null ? eventsOfEveryTenant(query) : eventsOfTenant(query);
    }

    /** Walks the tenant's sequence numbers backwards, so other tenants' events are never read. */
    private AuditPage eventsOfTenant(AuditQuery query) {
        String tenant = query.tenant();
        String low = IndexKeys.tenantLow(tenant);
        String high = query.beforeSeq() == 0 ? IndexKeys.tenantHigh(tenant)
                : IndexKeys.scoped(tenant, IndexKeys.sequence(query.beforeSeq()));
        return file.guard(() -> {
            List<ChainedAuditEvent> found = new ArrayList<>();
            String start = byTenant.lowerKey(high);
            if (start == null || start.compareTo(low) < 0) {
                return new AuditPage(found, 0);
            }
            Cursor<String, Long> keys = byTenant.cursor(start, low, true);
            while (keys.hasNext()) {
                keys.next();
                if (found.size() == query.limit()) {
                    return new AuditPage(found, found.get(found.size() - 1).seq());
                }
                String encoded = StoredJson.decode(events.get(keys.getValue()));
                ChainedAuditEvent e = encoded == null ? null : decode(encoded);
                if (e != null && matches(query, e.event())) {
                    found.add(e);
                }
            }
            return new AuditPage(found, 0);
        });
    }

    private AuditPage eventsOfEveryTenant(AuditQuery query) {
        return file.guard(() -> {
            List<ChainedAuditEvent> found = new ArrayList<>();
            Long start = query.beforeSeq() == 0 ? events.lastKey() : events.lowerKey(query.beforeSeq());
            if (start == null) {
                return new AuditPage(found, 0);
            }
            Iterator<Long> keys = events.keyIteratorReverse(start);
            while (keys.hasNext()) {
                Long seq = keys.next();
                if (found.size() == query.limit()) {
                    return new AuditPage(found, found.get(found.size() - 1).seq());
                }
                String encoded = StoredJson.decode(events.get(seq));
                ChainedAuditEvent e = encoded == null ? null : decode(encoded);
                if (e != null && matches(query, e.event())) {
                    found.add(e);
                }
            }
            return new AuditPage(found, 0);
        });
    }

    private static boolean matches(AuditQuery q, AuditEvent e) {
        return (q.tenant() == null || q.tenant().equals(e.tenant()))
                && (q.actor() == null || q.actor().equals(e.actor()))
                && (q.action() == null || q.action().equals(e.action()))
                && (q.target() == null || q.target().equals(e.target()))
                && (q.outcome() == null || q.outcome().equals(e.outcome()))
                && (q.since() == null || !e.time().isBefore(q.since()))
                && (q.until() == null || e.time().isBefore(q.until()));
    }

    @Override
    public List<AuditEvent> recentEvents(int limit) {
        List<AuditEvent> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        file.guard(() -> {
            Iterator<Long> keys = events.keyIteratorReverse(null);
            while (keys.hasNext() && result.size() < limit) {
                String encoded = StoredJson.decode(events.get(keys.next()));
                if (encoded != null) {
                    result.add(decode(encoded).event());
                }
            }
            return null;
        });
        return result;
    }

    @Override
    public long eventCount() {
        return file.guard(events::sizeAsLong);
    }
}
