package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyProblem;
import org.stellaops.attestor.policy.PolicyValidation;

class DocumentReadingTest {

    private static final String JSON = """
            {"apiVersion":"stella-ops.org/attestor/policy/v1","kind":"VerificationPolicy","id":"scan","version":3,
             "mode":"warn",
             "selector":{"predicateTypes":["https://stella-ops.org/attestation/scan-results/v1"]},
             "rules":[
               {"id":"fresh","type":"freshness","config":{"maxAge":"PT24H","maxClockSkew":"PT30S"}},
               {"id":"clean","type":"predicate","config":{"all":[
                 {"fact":"scan.severity.critical","op":"eq","value":0},
                 {"fact":"scan.coverage","op":"ge","value":0.95}]}}]}
            """;

    private static final String YAML = """
            # the same policy, as YAML
            apiVersion: stella-ops.org/attestor/policy/v1
            kind: VerificationPolicy
            id: scan
            version: 3
            mode: warn
            selector:
              predicateTypes:
                - https://stella-ops.org/attestation/scan-results/v1
            rules:
              - id: fresh
                type: freshness
                config:
                  maxAge: PT24H
                  maxClockSkew: PT30S
              - id: clean
                type: predicate
                config:
                  all:
                    - {fact: scan.severity.critical, op: eq, value: 0}
                    - {fact: scan.coverage, op: ge, value: 0.95}
            """;

    private static PolicyValidation read(String text, PolicyFormat format) {
        return Fixtures.engine().validate(text.getBytes(StandardCharsets.UTF_8), format, Fixtures.environment());
    }

    @Test
    void theYamlAndJsonFormsOfOnePolicyAreTheSameDocument() {
        PolicyDocument json = read(JSON, PolicyFormat.JSON).policy().orElseThrow();
        PolicyDocument yaml = read(YAML, PolicyFormat.YAML).policy().orElseThrow();
        assertEquals(json, yaml);
        assertEquals(json.digest(), yaml.digest());
    }

    @Test
    void theDigestIgnoresWhitespaceAndMemberOrderButNotContent() {
        PolicyDocument a = read(JSON, PolicyFormat.JSON).document();
        String reordered = JSON.replace("\"id\":\"scan\",\"version\":3", "\"version\":3,\"id\":\"scan\"")
                .replace("\n", " ");
        assertEquals(a.digest(), read(reordered, PolicyFormat.JSON).document().digest());
        String changed = JSON.replace("PT24H", "PT25H");
        assertFalse(a.digest().equals(read(changed, PolicyFormat.JSON).document().digest()));
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"id\":", PolicyFormat.JSON, "json.malformed"),
                Arguments.of("a duplicate JSON member", "{\"id\":\"a\",\"id\":\"b\"}", PolicyFormat.JSON,
                        "json.duplicate_member"),
                Arguments.of("JSON nested too deep", "[".repeat(40) + "]".repeat(40), PolicyFormat.JSON,
                        "json.too_deep"),
                Arguments.of("a duplicate YAML key", "id: a\nid: b\n", PolicyFormat.YAML, "json.duplicate_member"),
                Arguments.of("a YAML alias", "a: &x {k: 1}\nb: *x\n", PolicyFormat.YAML, "json.malformed"),
                Arguments.of("a YAML alias of a scalar", "a: &x 1\nb: *x\n", PolicyFormat.YAML, "json.malformed"),
                Arguments.of("a YAML anchor on a collection", "a: &x [1]\n", PolicyFormat.YAML, "json.malformed"),
                Arguments.of("two YAML documents", "id: a\n---\nid: b\n", PolicyFormat.YAML, "json.malformed"),
                Arguments.of("an empty YAML document", "# nothing\n", PolicyFormat.YAML, "json.malformed"),
                Arguments.of("YAML nested too deep", "a:\n" + nested(40), PolicyFormat.YAML, "json.malformed"),
                Arguments.of("a YAML value that is not a JSON number", "rules: .nan\n", PolicyFormat.YAML,
                        "json.malformed"),
                Arguments.of("YAML that is not valid", "a: [1, 2\n", PolicyFormat.YAML, "json.malformed"));
    }

    private static String nested(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth + 1)).append("x: 1\n").toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void refusesDocumentsOutsideTheJsonDataModel(String name, String text, PolicyFormat format, String code) {
        PolicyValidation validation = read(text, format);
        assertFalse(validation.valid());
        PolicyProblem problem = validation.problems().get(0);
        assertEquals(code, problem.code(), problem.message());
        assertEquals("", problem.pointer());
    }

    @Test
    void refusesADocumentOverTheSizeLimitBeforeParsingIt() {
        Engine engine = new Engine(new RuleRegistry(), new Engine.Limits(1024, 64));
        PolicyValidation validation = engine.validate(new byte[1025], PolicyFormat.JSON, Fixtures.environment());
        assertEquals("request.too_large", validation.problems().get(0).code());
    }

    @Test
    void readsYamlBooleansAndIntegersAsJsonValues() {
        String yaml = YAML + "  - {id: logged, type: transparency, config: {requireConsistency: true, min: 1}}\n";
        PolicyValidation validation = read(yaml, PolicyFormat.YAML);
        assertTrue(validation.valid(), validation.problems()::toString);
        assertEquals(java.util.Map.of("requireConsistency", true, "min", 1L),
                validation.document().rules().get(2).config());
    }
}
