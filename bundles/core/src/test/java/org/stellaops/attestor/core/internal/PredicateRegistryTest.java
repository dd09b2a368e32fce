package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;

class PredicateRegistryTest {

    private static final String TYPE = "https://example.com/predicate/v1";

    private record Handler(String name) implements PredicateHandler {
        @Override
        public Set<String> predicateTypes() {
            return Set.of(TYPE);
        }

        @Override
        public Optional<String> jsonSchema(String predicateType) {
            return Optional.empty();
        }

        @Override
        public PredicateResult validate(Statement statement) {
            return PredicateResult.valid(Map.of("handler", name));
        }
    }

    @Test
    void unknownTypeHasNoHandler() {
        assertTrue(new PredicateRegistry().forType(TYPE).isEmpty());
    }

    @Test
    void higherRankingHandlerWinsForTheSameType() {
        PredicateRegistry registry = new PredicateRegistry();
        Handler low = new Handler("low");
        Handler high = new Handler("high");
        registry.add(new PredicateRegistry.Registration(low, 0, 1, "a", "1.0.0"));
        registry.add(new PredicateRegistry.Registration(high, 10, 2, "b", "1.0.0"));
        assertEquals(high, registry.forType(TYPE).orElseThrow().handler());
    }

    @Test
    void removingTheWinnerFallsBackToTheNextHandler() {
        PredicateRegistry registry = new PredicateRegistry();
        Handler low = new Handler("low");
        Handler high = new Handler("high");
        registry.add(new PredicateRegistry.Registration(low, 0, 1, "a", "1.0.0"));
        registry.add(new PredicateRegistry.Registration(high, 10, 2, "b", "1.0.0"));
        registry.remove(high);
        assertEquals(low, registry.forType(TYPE).orElseThrow().handler());
    }

    @Test
    void removingTheLastHandlerMakesTheTypeUnknownAgain() {
        PredicateRegistry registry = new PredicateRegistry();
        Handler only = new Handler("only");
        registry.add(new PredicateRegistry.Registration(only, 0, 1, "a", "1.0.0"));
        registry.remove(only);
        assertEquals(0, registry.typeCount());
    }

    @Test
    void onEqualRankingTheOlderServiceWins() {
        PredicateRegistry registry = new PredicateRegistry();
        Handler older = new Handler("older");
        registry.add(new PredicateRegistry.Registration(new Handler("newer"), 0, 9, "b", "1.0.0"));
        registry.add(new PredicateRegistry.Registration(older, 0, 3, "a", "1.0.0"));
        assertEquals(older, registry.forType(TYPE).orElseThrow().handler());
    }
}
