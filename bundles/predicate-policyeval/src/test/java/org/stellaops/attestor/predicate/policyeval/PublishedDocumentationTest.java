package org.stellaops.attestor.predicate.policyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** docs/predicates/policy-evaluation.md publishes exactly what the bundle ships, and its example is valid. */
class PublishedDocumentationTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."))
            .resolve("../../docs/predicates/policy-evaluation.md").normalize();

    private final PolicyEvaluationHandler handler = new PolicyEvaluationHandler(SubjectPolicy.ERROR);

    private static String block(String marker) throws IOException {
        String text = Files.readString(DOC, StandardCharsets.UTF_8);
        int at = text.indexOf("<!-- " + marker + " -->\n```json\n");
        assertTrue(at >= 0, () -> "no block marked " + marker);
        int start = text.indexOf("```json\n", at) + "```json\n".length();
        int end = text.indexOf("\n```", start) + 1;
        return text.substring(start, end);
    }

    private static String shipped() throws IOException {
        try (InputStream in = PolicyEvaluationHandler.class
                .getResourceAsStream("/schemas/policy-evaluation-v1.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishesTheShippedSchemaByteForByte() throws IOException {
        assertEquals(shipped(), block("schema: policy-evaluation-v1.schema.json"));
    }

    @Test
    void servesTheShippedSchemaAsItsJsonSchema() throws IOException {
        assertEquals(shipped(), handler.jsonSchema(PolicyEvaluationHandler.PREDICATE_TYPE).orElseThrow());
    }

    @Test
    void documentsAnExampleThatIsValidWithTheFactsItClaims() throws IOException {
        ObjectNode statement = (ObjectNode) TestStatements.MAPPER.readTree(block("example: policy-evaluation"));
        PredicateResult result = handler.validate(TestStatements.of(statement).statement());

        Map<String, Object> facts = assertInstanceOf(PredicateResult.Valid.class, result, result::toString).facts();
        assertEquals("fail", facts.get("policy.verdict"));
        assertEquals(6, facts.get("policy.rules.count"));
        assertEquals(List.of("no-critical-vulnerabilities", "sbom-licenses-declared"), facts.get("policy.rules.failed"));
        assertEquals(List.of("no-fixable-high-vulnerabilities"), facts.get("policy.rules.warned"));
        assertEquals(List.of("sha256:3c1e9f0b5d7a2486c1f0e93b7d5a8c2e4f6b1a0d9c8e7f6a5b4c3d2e1f0a9b8c"),
                facts.get("policy.inputs.artifacts"));
    }
}
