package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** What the handler owns, publishes and how it is configured. */
class PolicyEvaluationHandlerTest {

    private static final String TYPE = "https://stella-ops.org/attestation/policy-evaluation/v1";

    private final PolicyEvaluationHandler handler = new PolicyEvaluationHandler(SubjectPolicy.ERROR);

    private static PolicyEvaluationHandler.Config config(String subjectPolicy) {
        return new PolicyEvaluationHandler.Config() {
            @Override
            public String subjectPolicy() {
                return subjectPolicy;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PolicyEvaluationHandler.Config.class;
            }
        };
    }

    private static TestStatements gateForAnotherImage() {
        return TestStatements.load("/statements/release-gate-fail.json").set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"");
    }

    @Test
    void ownsExactlyThePolicyEvaluationType() {
        assertEquals(Set.of(TYPE), handler.predicateTypes());
    }

    @Test
    void publishesTheSchemaShippedInTheBundle() throws Exception {
        JsonNode schema = TestStatements.MAPPER.readTree(handler.jsonSchema(TYPE).orElseThrow());

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("https://stella-ops.org/schemas/predicates/policy-evaluation-v1.schema.json",
                schema.path("$id").asText());
    }

    @Test
    void publishesNoSchemaForATypeItDoesNotOwn() {
        assertTrue(handler.jsonSchema("https://stella-ops.org/attestation/policy-evaluation/v2").isEmpty());
    }

    @Test
    void rejectsAStatementOfAnotherPredicateTypeWithoutThrowing() {
        Errors.assertOnly(handler.validate(TestStatements.load("/statements/release-gate-fail.json")
                        .set("/predicateType", "\"https://slsa.dev/provenance/v1\"").statement()),
                "/predicateType", "not the predicate type this handler owns");
    }

    @Test
    void rejectsAPredicateThatIsNoJsonTreeWithoutThrowing() {
        Statement statement = new Statement(Statement.TYPE_V1,
                List.of(new Subject("x", List.of(new Digest("sha256", "ab".repeat(32))))), TYPE,
                Map.of("policy", new Object()), Bytes.EMPTY);

        Errors.assertOnly(handler.validate(statement), "/predicate", "not a JSON object tree");
    }

    @Test
    void activatesWithTheDefaultConfigurationAsErrorPolicy() {
        Errors.assertOnly(new PolicyEvaluationHandler(config("error")).validate(gateForAnotherImage().statement()),
                "/predicate/inputs/0/digest/sha256", "is no subject");
    }

    @Test
    void activatesWithAnOffPolicyWrittenInUppercase() {
        PredicateResult result = new PolicyEvaluationHandler(config("OFF")).validate(gateForAnotherImage().statement());

        assertTrue(assertInstanceOf(PredicateResult.Valid.class, result).warnings().isEmpty());
    }

    @Test
    void refusesToActivateWithAnUnknownSubjectPolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolicyEvaluationHandler(config("")));
        assertTrue(e.getMessage().contains("error, warning or off"), e.getMessage());
    }
}
