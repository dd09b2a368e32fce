package org.stellaops.attestor.core.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stellaops.attestor.api.predicate.PredicateHandler;

/**
 * The installed predicate handlers. Bind and unbind come from DS (dynamic, greedy); lookups read an immutable
 * snapshot so that a request uses the handlers that were there when it looked, and never a half-updated map.
 */
final class PredicateRegistry {

    /**
     * A registered handler with its ranking and the bundle that provides it.
     *
     * @param bundle the providing bundle's symbolic name
     * @param version the providing bundle's version
     */
    record Registration(PredicateHandler handler, int ranking, long serviceId, String bundle, String version) {

        /** @return {@code <symbolic name>/<version>} of the providing bundle, as {@code derivedBy} names it */
        String provider() {
            return bundle + "/" + version;
        }
    }

    /**
     * What the registry holds at one moment.
     *
     * @param ordered every registration, highest precedence first
     * @param byType each claimed type's registration of highest precedence
     */
    record Snapshot(List<Registration> ordered, Map<String, Registration> byType) {
    }

    /** Highest ranking wins; on a tie the older service (lower id) wins, as in OSGi service lookup. */
    private static final Comparator<Registration> PRECEDENCE = Comparator.comparingInt(Registration::ranking)
            .reversed().thenComparingLong(Registration::serviceId);

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of());

    void add(Registration registration) {
        registrations.add(registration);
        rebuild();
    }

    void remove(PredicateHandler handler) {
        registrations.removeIf(r -> r.handler() == handler);
        rebuild();
    }

    Optional<Registration> forType(String predicateType) {
        return Optional.ofNullable(snapshot.byType().get(predicateType));
    }

    int typeCount() {
        return snapshot.byType().size();
    }

    /** @return the registrations and the type map of one moment, consistent with each other */
    Snapshot snapshot() {
        return snapshot;
    }

    private synchronized void rebuild() {
        List<Registration> ordered = registrations.stream().sorted(PRECEDENCE).toList();
        Map<String, Registration> next = new HashMap<>();
        ordered.forEach(r -> r.handler().predicateTypes().forEach(t -> next.putIfAbsent(t, r)));
        snapshot = new Snapshot(ordered, Map.copyOf(next));
    }
}
