package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.PolicyRule;

/**
 * The published schema of every built-in type says what its own validation says: configurations it accepts pass the
 * schema, and configurations the schema refuses it refuses too (environment checks aside).
 */
class BuiltinSchemasTest {

    private static final ConfigSchemas SCHEMAS = new ConfigSchemas();

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("issuer", "{\"keySets\":[\"release-signers\"],\"exclusive\":true}", true),
                Arguments.of("issuer", "{\"keys\":[\"alice\"]}", true),
                Arguments.of("issuer", "{\"exclusive\":true}", false),
                Arguments.of("issuer", "{\"keys\":[]}", false),
                Arguments.of("signatureThreshold", "{\"keySet\":\"release-signers\",\"min\":2}", true),
                Arguments.of("signatureThreshold", "{\"keys\":[\"alice\",\"bob\"],\"min\":1}", true),
                Arguments.of("signatureThreshold", "{\"keySet\":\"release-signers\"}", false),
                Arguments.of("signatureThreshold", "{\"keySet\":\"release-signers\",\"keys\":[\"a\"],\"min\":1}", false),
                Arguments.of("freshness", "{\"maxAge\":\"PT24H\",\"timeSources\":[\"log\"],\"maxClockSkew\":\"PT0S\"}",
                        true),
                Arguments.of("freshness", "{\"newerThan\":{\"predicateType\":\"x\",\"required\":false}}", true),
                Arguments.of("freshness", "{\"maxAgeByPredicateType\":{\"x\":\"P1D\"}}", true),
                Arguments.of("freshness", "{\"timeSources\":[\"log\"]}", false),
                Arguments.of("freshness", "{\"maxAge\":\"PT1H\",\"timeSources\":[\"none\"]}", false),
                Arguments.of("transparency", "{}", true),
                Arguments.of("transparency", "{\"logs\":[\"rekor.example\"],\"min\":1,\"requireConsistency\":true}",
                        true),
                Arguments.of("transparency", "{\"min\":0}", false),
                Arguments.of("witnessQuorum", "{\"witnesses\":[\"w1\",\"w2\"],\"min\":2,\"window\":\"PT1H\"}", true),
                Arguments.of("witnessQuorum", "{\"witnesses\":[\"w1\"]}", false),
                Arguments.of("predicate", "{\"all\":[{\"fact\":\"a.b\",\"op\":\"eq\",\"value\":0},"
                        + "{\"fact\":\"c\",\"op\":\"exists\"},{\"fact\":\"d\",\"op\":\"in\",\"value\":[\"x\",1]}]}", true),
                Arguments.of("predicate", "{\"any\":[{\"fact\":\"a\",\"op\":\"lt\",\"value\":\"x\"}]}", false),
                Arguments.of("predicate", "{\"all\":[{\"fact\":\"a\",\"op\":\"exists\",\"value\":1}]}", false),
                Arguments.of("predicate", "{\"all\":[]}", false),
                Arguments.of("subject", "{}", true),
                Arguments.of("subject", "{\"digests\":[\"sha256:" + "ab".repeat(32) + "\"],\"names\":[\"pkg:*\"]}",
                        true),
                Arguments.of("subject", "{\"digests\":[\"sha256:AB\"]}", false));
    }

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @MethodSource("configurations")
    void theSchemaAndTheRuleAgree(String type, String json, boolean valid) {
        PolicyRule rule = new RuleRegistry().snapshot().get(type).rule();
        List<ConfigProblem> schema = SCHEMAS.validate(rule.configSchema(), Fixtures.config(json));
        List<ConfigProblem> own = rule.validateConfig(Fixtures.config(json), permissive(json));
        assertEquals(valid, schema.isEmpty(), () -> "schema: " + schema);
        assertEquals(valid, own.isEmpty(), () -> "rule: " + own);
    }

    /** Knows every name the configurations use, so only structure is judged. */
    private static PolicyEnvironment permissive(String json) {
        return PolicyEnvironment.builder().keySet("release-signers", List.of("alice", "bob", "carol"))
                .keys("a", "alice", "bob").logs("rekor.example").witnesses("w1", "w2").build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyBuiltInSchemaDeclaresItsDialectAndForbidsUnknownMembers(String type) {
        String schema = new RuleRegistry().snapshot().get(type).rule().configSchema();
        assertTrue(schema.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), type);
        assertFalse(SCHEMAS.validate(schema, Fixtures.config("{\"surprise\":1}")).isEmpty());
    }

    static Stream<String> types() {
        return new RuleRegistry().snapshot().keySet().stream();
    }
}
