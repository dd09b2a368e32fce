package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.core.service.PredicateCatalog.Handler;
import org.stellaops.attestor.core.service.PredicateCatalog.PredicateType;
import org.stellaops.attestor.sdk.AttestorException;

class PredicateListingTest {

    private static final String SBOM = "https://cyclonedx.org/bom";
    private static final String SPDX = "https://spdx.dev/Document";
    private static final String VEX = "https://openvex.dev/ns/v0.2.0";

    /** A handler whose schemas are given per type; a type mapped to null has none. */
    private record Schemas(Map<String, String> schemas) implements PredicateHandler {
        @Override
        public Set<String> predicateTypes() {
            return schemas.keySet();
        }

        @Override
        public Optional<String> jsonSchema(String predicateType) {
            return Optional.ofNullable(schemas.get(predicateType));
        }

        @Override
        public PredicateResult validate(Statement statement) {
            return PredicateResult.valid(Map.of());
        }
    }

    /** A handler whose jsonSchema fails, as a broken plugin's might. */
    private record Broken() implements PredicateHandler {
        @Override
        public Set<String> predicateTypes() {
            return Set.of(VEX);
        }

        @Override
        public Optional<String> jsonSchema(String predicateType) {
            throw new IllegalStateException("schema resource missing");
        }

        @Override
        public PredicateResult validate(Statement statement) {
            return PredicateResult.valid(Map.of());
        }
    }

    private final PredicateRegistry registry = new PredicateRegistry();
    private final PredicateListing listing = new PredicateListing(registry);

    @Test
    void listsEveryHandlerWithItsBundleRankingAndSortedTypes() {
        registry.add(new PredicateRegistry.Registration(new Schemas(Map.of(SPDX, "{\"spdx\":1}", SBOM, "{}")), 0, 7,
                "org.example.sbom", "1.2.0"));
        assertEquals(List.of(new Handler("org.example.sbom", "1.2.0", 0, 7, List.of(
                new PredicateType(SBOM, true, true), new PredicateType(SPDX, true, true)))), listing.handlers());
    }

    @Test
    void listsHandlersInPrecedenceOrderAndMarksTheShadowedTypeInactive() {
        registry.add(new PredicateRegistry.Registration(new Schemas(Map.of(SBOM, "{\"low\":1}")), 0, 1, "low", "1"));
        registry.add(new PredicateRegistry.Registration(new Schemas(Map.of(SBOM, "{\"high\":1}")), 10, 2, "high",
                "2"));
        List<Handler> handlers = listing.handlers();
        assertEquals(List.of("high", "low"), handlers.stream().map(Handler::bundleSymbolicName).toList());
        assertEquals(List.of(new PredicateType(SBOM, true, true)), handlers.get(0).predicateTypes());
        assertEquals(List.of(new PredicateType(SBOM, false, true)), handlers.get(1).predicateTypes());
        assertEquals("{\"high\":1}", listing.schema(SBOM));
    }

    @Test
    void servesTheSchemaOfTheActiveHandler() {
        registry.add(new PredicateRegistry.Registration(new Schemas(Map.of(SPDX, "{\"title\":\"spdx\"}")), 0, 1,
                "org.example.sbom", "1.0.0"));
        assertEquals("{\"title\":\"spdx\"}", listing.schema(SPDX));
    }

    @Test
    void refusesAnUnknownTypeWithPredicateNotFound() {
        AttestorException e = assertThrows(AttestorException.class, () -> listing.schema(VEX));
        assertEquals(PredicateCatalog.PREDICATE_NOT_FOUND, e.code());
    }

    @Test
    void refusesATypeWhoseHandlerPublishesNoSchemaWithSchemaNotFound() {
        java.util.HashMap<String, String> schemas = new java.util.HashMap<>();
        schemas.put(VEX, null);
        registry.add(new PredicateRegistry.Registration(new Schemas(schemas), 0, 1, "org.example.vex", "1.0.0"));
        assertEquals(List.of(new PredicateType(VEX, true, false)), listing.handlers().get(0).predicateTypes());
        AttestorException e = assertThrows(AttestorException.class, () -> listing.schema(VEX));
        assertEquals(PredicateCatalog.SCHEMA_NOT_FOUND, e.code());
    }

    @Test
    void showsAHandlerWhoseSchemaFailsWithoutASchemaInsteadOfFailingTheList() {
        registry.add(new PredicateRegistry.Registration(new Broken(), 0, 1, "org.example.broken", "0.1.0"));
        registry.add(new PredicateRegistry.Registration(new Schemas(Map.of(SPDX, "{}")), 0, 2, "org.example.sbom",
                "1.0.0"));
        List<Handler> handlers = listing.handlers();
        assertEquals(List.of(new PredicateType(VEX, true, false)), handlers.get(0).predicateTypes());
        assertEquals(List.of(new PredicateType(SPDX, true, true)), handlers.get(1).predicateTypes());
    }

    @Test
    void forgetsAHandlerOnceItIsUnregistered() {
        Schemas handler = new Schemas(Map.of(SPDX, "{}"));
        registry.add(new PredicateRegistry.Registration(handler, 0, 1, "org.example.sbom", "1.0.0"));
        registry.remove(handler);
        assertEquals(List.of(), listing.handlers());
        assertEquals(PredicateCatalog.PREDICATE_NOT_FOUND,
                assertThrows(AttestorException.class, () -> listing.schema(SPDX)).code());
    }
}
