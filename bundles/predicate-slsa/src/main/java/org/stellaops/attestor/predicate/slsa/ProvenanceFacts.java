package org.stellaops.attestor.predicate.slsa;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Extracts the searchable facts of a predicate that its schema has already accepted.
 */
final class ProvenanceFacts {

    /** Fact: {@code v1} or {@code v0.2}. */
    static final String VERSION = "slsa.version";
    /** Fact: the build type URI. */
    static final String BUILD_TYPE = "buildType";
    /** Fact: the builder id URI. */
    static final String BUILDER_ID = "builder.id";
    /** Fact (v1): number of resolved dependencies, 0 when unset. */
    static final String RESOLVED_DEPENDENCIES_COUNT = "resolvedDependencies.count";
    /** Fact (v0.2): number of materials, 0 when unset. */
    static final String MATERIALS_COUNT = "materials.count";
    /** Fact: the build invocation id, only when present and not empty. */
    static final String INVOCATION_ID = "invocationId";

    private ProvenanceFacts() {
    }

    /**
     * @param version the provenance version the predicate was validated as
     * @param predicate a schema-valid predicate
     * @return the facts, JSON-compatible values only
     */
    static Map<String, Object> extract(ProvenanceVersion version, JsonNode predicate) {
        return version == ProvenanceVersion.V1 ? v1(predicate) : v02(predicate);
    }

    private static Map<String, Object> v1(JsonNode predicate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(VERSION, ProvenanceVersion.V1.label());
        facts.put(BUILD_TYPE, predicate.path("buildDefinition").path("buildType").asText());
        facts.put(BUILDER_ID, predicate.path("runDetails").path("builder").path("id").asText());
        facts.put(RESOLVED_DEPENDENCIES_COUNT, predicate.path("buildDefinition").path("resolvedDependencies").size());
        putIfText(facts, INVOCATION_ID, predicate.path("runDetails").path("metadata").path("invocationId"));
        return facts;
    }

    private static Map<String, Object> v02(JsonNode predicate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(VERSION, ProvenanceVersion.V0_2.label());
        facts.put(BUILD_TYPE, predicate.path("buildType").asText());
        facts.put(BUILDER_ID, predicate.path("builder").path("id").asText());
        facts.put(MATERIALS_COUNT, predicate.path("materials").size());
        putIfText(facts, INVOCATION_ID, predicate.path("metadata").path("buildInvocationId"));
        return facts;
    }

    private static void putIfText(Map<String, Object> facts, String name, JsonNode value) {
        // Unset, null and empty mean the same in SLSA: only a real id becomes a fact.
        if (value.isTextual() && !value.asText().isEmpty()) {
            facts.put(name, value.asText());
        }
    }
}
