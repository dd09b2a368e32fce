package org.stellaops.attestor.predicate.slsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

class SlsaProvenanceHandlerTest {

    private final SlsaProvenanceHandler handler = new SlsaProvenanceHandler();

    @Test
    void ownsExactlyTheV1AndV02ProvenanceTypes() {
        assertEquals(Set.of("https://slsa.dev/provenance/v1", "https://slsa.dev/provenance/v0.2"),
                handler.predicateTypes());
    }

    @Test
    void publishesTheSchemaShippedForEachType() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode v1 = mapper.readTree(handler.jsonSchema("https://slsa.dev/provenance/v1").orElseThrow());
        JsonNode v02 = mapper.readTree(handler.jsonSchema("https://slsa.dev/provenance/v0.2").orElseThrow());

        assertEquals("https://json-schema.org/draft/2020-12/schema", v1.path("$schema").asText());
        assertEquals("https://stella-ops.org/schemas/predicates/slsa-provenance-v1.schema.json", v1.path("$id").asText());
        assertEquals("https://stella-ops.org/schemas/predicates/slsa-provenance-v0.2.schema.json", v02.path("$id").asText());
    }

    @Test
    void publishesNoSchemaForATypeItDoesNotOwn() {
        assertTrue(handler.jsonSchema("https://slsa.dev/provenance/v0.1").isEmpty());
    }

    @Test
    void acceptsGitHubActionsV1ProvenanceAndExtractsItsFacts() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/github-actions-v1.json").statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(Map.of(
                "slsa.version", "v1",
                "buildType", "https://actions.github.io/buildtypes/workflow/v1",
                "builder.id", "https://github.com/stellaops/attestor/.github/workflows/release.yml@refs/tags/v1.4.2",
                "resolvedDependencies.count", 1,
                "invocationId", "https://github.com/stellaops/attestor/actions/runs/9876543210/attempts/1"),
                valid.facts());
        assertTrue(valid.warnings().isEmpty());
    }

    @Test
    void acceptsV1ProvenanceUsingEveryOptionalMemberAndExtensionFields() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/full-v1.json").statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(3, valid.facts().get("resolvedDependencies.count"));
    }

    @Test
    void acceptsV02GeneratorProvenanceAndExtractsItsFacts() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/generator-generic-v02.json").statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(Map.of(
                "slsa.version", "v0.2",
                "buildType", "https://github.com/slsa-framework/slsa-github-generator/generic@v1",
                "builder.id", "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                        + "generator_generic_slsa3.yml@refs/tags/v1.10.0",
                "materials.count", 2,
                "invocationId", "9876543210-1"),
                valid.facts());
    }

    @Test
    void treatsNullOptionalMembersAsUnset() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/github-actions-v1.json")
                .set("/predicate/buildDefinition/internalParameters", "null")
                .set("/predicate/buildDefinition/resolvedDependencies", "null")
                .set("/predicate/runDetails/metadata", "null")
                .set("/predicate/runDetails/byproducts", "null")
                .statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(0, valid.facts().get("resolvedDependencies.count"));
        assertFalse(valid.facts().containsKey("invocationId"));
    }

    @Test
    void leavesOutTheInvocationIdFactWhenV02HasNoMetadata() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/generator-generic-v02.json")
                .remove("/predicate/metadata").remove("/predicate/materials").statement());

        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertFalse(valid.facts().containsKey("invocationId"));
        assertEquals(0, valid.facts().get("materials.count"));
    }

    @Test
    void rejectsAStatementOfAnotherPredicateTypeWithoutThrowing() {
        PredicateResult result = handler.validate(TestStatements.load("/provenance/github-actions-v1.json")
                .set("/predicateType", "\"https://spdx.dev/Document\"").statement());

        Errors.assertOnly(result, "/predicateType", "not a SLSA provenance type");
    }
}
