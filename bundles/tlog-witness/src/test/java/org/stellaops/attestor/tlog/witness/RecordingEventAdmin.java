package org.stellaops.attestor.tlog.witness;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An in-memory EventAdmin that keeps every event (tests run outside a framework). */
final class RecordingEventAdmin implements EventAdmin {

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void sendEvent(Event event) {
        postEvent(event);
    }

    synchronized List<Event> events(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    /** Waits (bounded) until an event of the topic arrived. @return the first such event */
    synchronized Event await(String topic, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (events(topic).isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no " + topic + " event within " + timeoutMillis + " ms");
            }
            wait(left);
        }
        return events(topic).get(0);
    }
}
