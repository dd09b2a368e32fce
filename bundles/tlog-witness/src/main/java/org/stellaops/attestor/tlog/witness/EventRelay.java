package org.stellaops.attestor.tlog.witness;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An {@link EventSink} backed by an optional, dynamically bound {@link EventAdmin}. */
final class EventRelay implements EventSink {

    private final AtomicReference<EventAdmin> admin = new AtomicReference<>();

    void bind(EventAdmin eventAdmin) {
        admin.set(eventAdmin);
    }

    void unbind(EventAdmin eventAdmin) {
        admin.compareAndSet(eventAdmin, null);
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
        EventAdmin current = admin.get();
        if (current != null) {
            current.postEvent(new Event(topic, properties));
        }
    }
}
