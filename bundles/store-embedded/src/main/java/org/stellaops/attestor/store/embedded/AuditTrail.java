package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditStore;

/**
 * The append-only audit trail: {@code audit} maps an increasing sequence number to the event's JSON. Nothing
 * removes or rewrites an event.
 */
final class AuditTrail implements AuditStore {

    private final StoreFile file;
    private final JsonCodec json;
    private final MVMap<Long, String> events;
    private final AtomicLong nextSequence;

    AuditTrail(StoreFile file, JsonCodec json) {
        this.file = file;
        this.json = json;
        this.events = file.map("audit");
        Long last = file.guard(events::lastKey);
        this.nextSequence = new AtomicLong(last == null ? 0 : last + 1);
    }

    @Override
    public void append(AuditEvent event) {
        String encoded = encode(event);
        file.write(() -> events.put(nextSequence.getAndIncrement(), encoded));
    }

    /** Encodes an event for {@link #appendWithinMutation}; done outside the mutation to keep it short. */
    String encode(AuditEvent event) {
        return json.write(Objects.requireNonNull(event, "event"));
    }

    /**
     * Appends an encoded event as part of a mutation already running in {@link StoreFile#apply}; the caller's
     * commit makes it durable together with the rest of the mutation.
     */
    void appendWithinMutation(String encodedEvent) {
        events.put(nextSequence.getAndIncrement(), encodedEvent);
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
                String encoded = events.get(keys.next());
                if (encoded != null) {
                    result.add(json.read(encoded, AuditEvent.class));
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
