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

    /** A registered handler with its ranking and the bundle that provides it. */
    record Registration(PredicateHandler handler, int ranking, long serviceId, String provider) {
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private volatile Map<String, Registration> byType = Map.of();

    void add(Registration registration) {
        registrations.add(registration);
        rebuild();
    }

    void remove(PredicateHandler handler) {
        registrations.removeIf(r -> r.handler() == handler);
        rebuild();
    }

    Optional<Registration> forType(String predicateType) {
        return Optional.ofNullable(byType.get(predicateType));
    }

    int typeCount() {
        return byType.size();
    }

    Map<String, Registration> snapshot() {
        return byType;
    }

    private synchronized void rebuild() {
        // Highest ranking wins; on a tie the older service (lower id) wins, as in OSGi service lookup.
        Comparator<Registration> precedence = Comparator.comparingInt(Registration::ranking).reversed()
                .thenComparingLong(Registration::serviceId);
        Map<String, Registration> next = new HashMap<>();
        registrations.stream().sorted(precedence).forEach(r ->
                r.handler().predicateTypes().forEach(t -> next.putIfAbsent(t, r)));
        byType = Map.copyOf(next);
    }
}
