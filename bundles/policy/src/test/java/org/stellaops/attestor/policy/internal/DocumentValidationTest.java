package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.policy.Mode;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyProblem;
import org.stellaops.attestor.policy.PolicyValidation;

class DocumentValidationTest {

    private static final String HEAD = "\"apiVersion\":\"stella-ops.org/attestor/policy/v1\","
            + "\"kind\":\"VerificationPolicy\",\"id\":\"p\",\"version\":1";

    private static String doc(String rules) {
        return "{" + HEAD + ",\"rules\":[" + rules + "]}";
    }

    private static String rule(String type, String config) {
        return "{\"id\":\"r\",\"type\":\"" + type + "\",\"config\":" + config + "}";
    }

    private static PolicyValidation validate(String json) {
        return Fixtures.engine().validate(json.getBytes(StandardCharsets.UTF_8), PolicyFormat.JSON,
                Fixtures.environment());
    }

    static Stream<Arguments> invalidDocuments() {
        return Stream.of(
                Arguments.of("not an object", "[1]", "", "policy.bad_type"),
                Arguments.of("no apiVersion", "{\"kind\":\"VerificationPolicy\",\"id\":\"p\",\"version\":1,"
                        + "\"rules\":[" + rule("transparency", "{}") + "]}", "/apiVersion", "policy.missing_member"),
                Arguments.of("another apiVersion", doc(rule("transparency", "{}")).replace("policy/v1", "policy/v2"),
                        "/apiVersion", "policy.unsupported_version"),
                Arguments.of("an unknown top-level member", "{" + HEAD + ",\"extra\":1,\"rules\":["
                        + rule("transparency", "{}") + "]}", "/extra", "policy.unknown_member"),
                Arguments.of("version 0", doc(rule("transparency", "{}")).replace("\"version\":1", "\"version\":0"),
                        "/version", "policy.bad_value"),
                Arguments.of("version as a string", doc(rule("transparency", "{}"))
                        .replace("\"version\":1", "\"version\":\"1\""), "/version", "policy.bad_type"),
                Arguments.of("an id with a space", doc(rule("transparency", "{}")).replace("\"id\":\"p\"",
                        "\"id\":\"my policy\""), "/id", "policy.bad_value"),
                Arguments.of("an unknown mode", "{" + HEAD + ",\"mode\":\"strict\",\"rules\":["
                        + rule("transparency", "{}") + "]}", "/mode", "policy.bad_value"),
                Arguments.of("no rules", doc(""), "/rules", "policy.bad_value"),
                Arguments.of("rules not an array", "{" + HEAD + ",\"rules\":{}}", "/rules", "policy.bad_type"),
                Arguments.of("two rules with one id", doc(rule("transparency", "{}") + "," + rule("transparency", "{}")),
                        "/rules/1/id", "policy.duplicate"),
                Arguments.of("an unknown rule type", doc(rule("cosmicRays", "{}")), "/rules/0/type",
                        "policy.unknown_rule_type"),
                Arguments.of("an unknown rule member", doc("{\"id\":\"r\",\"type\":\"transparency\",\"when\":1}"),
                        "/rules/0/when", "policy.unknown_member"),
                Arguments.of("an unknown config member", doc(rule("transparency", "{\"foo\":1}")),
                        "/rules/0/config/foo", "policy.unknown_member"),
                Arguments.of("a config member whose name needs escaping", doc(rule("transparency", "{\"a/b~c\":1}")),
                        "/rules/0/config/a~1b~0c", "policy.unknown_member"),
                Arguments.of("k greater than the key set", doc(rule("signatureThreshold",
                        "{\"keySet\":\"release-signers\",\"min\":4}")), "/rules/0/config/min", "policy.unsatisfiable"),
                Arguments.of("k greater than the listed keys", doc(rule("signatureThreshold",
                        "{\"keys\":[\"alice\",\"bob\"],\"min\":3}")), "/rules/0/config/min", "policy.unsatisfiable"),
                Arguments.of("a threshold of 0", doc(rule("signatureThreshold",
                        "{\"keySet\":\"release-signers\",\"min\":0}")), "/rules/0/config/min", "policy.bad_value"),
                Arguments.of("both keySet and keys", doc(rule("signatureThreshold",
                        "{\"keySet\":\"release-signers\",\"keys\":[\"alice\"],\"min\":1}")),
                        "/rules/0/config/keySet", "policy.bad_value"),
                Arguments.of("an unknown key set", doc(rule("signatureThreshold",
                        "{\"keySet\":\"nightly\",\"min\":1}")), "/rules/0/config/keySet", "policy.unknown_key_set"),
                Arguments.of("an unknown key", doc(rule("issuer", "{\"keys\":[\"alice\",\"mallory\"]}")),
                        "/rules/0/config/keys/1", "policy.unknown_key"),
                Arguments.of("a key listed twice", doc(rule("issuer", "{\"keys\":[\"alice\",\"alice\"]}")),
                        "/rules/0/config/keys/1", "policy.duplicate"),
                Arguments.of("an issuer naming nobody", doc(rule("issuer", "{\"exclusive\":true}")),
                        "/rules/0/config/keys", "policy.missing_member"),
                Arguments.of("an unknown witness", doc(rule("witnessQuorum",
                        "{\"witnesses\":[\"w1\",\"w2\",\"w7\"],\"min\":2}")), "/rules/0/config/witnesses/2",
                        "policy.unknown_witness"),
                Arguments.of("a quorum above the witnesses", doc(rule("witnessQuorum",
                        "{\"witnesses\":[\"w1\",\"w2\",\"w3\"],\"min\":4}")), "/rules/0/config/min",
                        "policy.unsatisfiable"),
                Arguments.of("an unknown log", doc(rule("transparency", "{\"logs\":[\"rekor.evil\"]}")),
                        "/rules/0/config/logs/0", "policy.unknown_log"),
                Arguments.of("more logs required than named", doc(rule("transparency",
                        "{\"logs\":[\"rekor.example\"],\"min\":2}")), "/rules/0/config/min", "policy.unsatisfiable"),
                Arguments.of("a duration that is not ISO-8601", doc(rule("freshness", "{\"maxAge\":\"24h\"}")),
                        "/rules/0/config/maxAge", "policy.bad_value"),
                Arguments.of("a negative duration", doc(rule("freshness", "{\"maxAge\":\"-PT1H\"}")),
                        "/rules/0/config/maxAge", "policy.bad_value"),
                Arguments.of("a per-type duration that is not a string", doc(rule("freshness",
                        "{\"maxAgeByPredicateType\":{\"https://x\":24}}")),
                        "/rules/0/config/maxAgeByPredicateType/https:~1~1x", "policy.bad_type"),
                Arguments.of("'none' as a time source", doc(rule("freshness",
                        "{\"maxAge\":\"PT1H\",\"timeSources\":[\"log\",\"none\"]}")),
                        "/rules/0/config/timeSources/1", "policy.bad_value"),
                Arguments.of("a freshness rule without any limit", doc(rule("freshness", "{\"maxClockSkew\":\"PT1M\"}")),
                        "/rules/0/config/maxAge", "policy.missing_member"),
                Arguments.of("an unknown operator", doc(rule("predicate",
                        "{\"all\":[{\"fact\":\"a.b\",\"op\":\"like\",\"value\":\"x\"}]}")),
                        "/rules/0/config/all/0/op", "policy.bad_value"),
                Arguments.of("an ordering against a string", doc(rule("predicate",
                        "{\"all\":[{\"fact\":\"a.b\",\"op\":\"lt\",\"value\":\"x\"}]}")),
                        "/rules/0/config/all/0/value", "policy.bad_type"),
                Arguments.of("exists with a value", doc(rule("predicate",
                        "{\"all\":[{\"fact\":\"a.b\",\"op\":\"exists\",\"value\":true}]}")),
                        "/rules/0/config/all/0/value", "policy.unknown_member"),
                Arguments.of("both all and any", doc(rule("predicate",
                        "{\"all\":[{\"fact\":\"a\",\"op\":\"exists\"}],\"any\":[{\"fact\":\"a\",\"op\":\"exists\"}]}")),
                        "/rules/0/config/all", "policy.bad_value"),
                Arguments.of("a malformed subject digest", doc(rule("subject", "{\"digests\":[\"sha256:XYZ\"]}")),
                        "/rules/0/config/digests/0", "policy.bad_value"),
                Arguments.of("a subject rule that checks nothing", doc(rule("subject", "{\"requested\":false}")),
                        "/rules/0/config/requested", "policy.bad_value"),
                Arguments.of("a subject pattern with name and digest", "{" + HEAD + ",\"selector\":{\"subjects\":"
                        + "[{\"name\":\"a\",\"digest\":\"sha256:" + "00".repeat(32) + "\"}]},\"rules\":["
                        + rule("transparency", "{}") + "]}", "/selector/subjects/0/name", "policy.bad_value"),
                Arguments.of("a rule mode that does not exist", doc("{\"id\":\"r\",\"type\":\"transparency\","
                        + "\"mode\":\"off\"}"), "/rules/0/mode", "policy.bad_value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void pointsAtTheOffendingValue(String name, String json, String pointer, String code) {
        PolicyValidation validation = validate(json);
        assertFalse(validation.valid());
        assertTrue(validation.problems().stream().anyMatch(p -> p.pointer().equals(pointer) && p.code().equals(code)),
                () -> "expected " + code + " at '" + pointer + "', got " + validation.problems());
    }

    @Test
    void reportsEveryProblemNotOnlyTheFirst() {
        PolicyValidation validation = validate("{" + HEAD + ",\"mode\":\"loud\",\"rules\":["
                + rule("issuer", "{\"keys\":[\"mallory\"]}") + ",{\"id\":\"w\",\"type\":\"witnessQuorum\","
                + "\"config\":{\"witnesses\":[\"w1\"],\"min\":2}}]}");
        assertEquals(List.of("/mode", "/rules/0/config/keys/0", "/rules/1/config/min"),
                validation.problems().stream().map(PolicyProblem::pointer).toList());
    }

    @Test
    void buildsTheDocumentWithDefaultsWhenValid() {
        PolicyValidation validation = validate(doc(rule("transparency", "{}")));
        PolicyDocument policy = validation.policy().orElseThrow();
        assertEquals("p", policy.id());
        assertEquals(Mode.ENFORCE, policy.mode());
        assertTrue(policy.selector().predicateTypes().isEmpty());
        assertEquals(null, policy.rules().get(0).mode());
        assertTrue(policy.digest().matches("sha256:[0-9a-f]{64}"));
    }

    @Test
    void aRuleIsNeverStrongerThanItsPolicy() {
        PolicyDocument policy = validate("{" + HEAD + ",\"mode\":\"warn\",\"rules\":[{\"id\":\"a\",\"type\":"
                + "\"transparency\",\"mode\":\"enforce\"},{\"id\":\"b\",\"type\":\"transparency\",\"mode\":\"audit\"}]}")
                .document();
        assertEquals(Mode.WARN, policy.rules().get(0).effectiveMode(policy.mode()));
        assertEquals(Mode.AUDIT, policy.rules().get(1).effectiveMode(policy.mode()));
    }

    @Test
    void refusesMoreRulesThanTheLimit() {
        Engine engine = new Engine(new RuleRegistry(), new Engine.Limits(64 * 1024, 2));
        String three = doc("{\"id\":\"a\",\"type\":\"transparency\"},{\"id\":\"b\",\"type\":\"transparency\"},"
                + "{\"id\":\"c\",\"type\":\"transparency\"}");
        PolicyValidation validation = engine.validate(three.getBytes(StandardCharsets.UTF_8), PolicyFormat.JSON,
                Fixtures.environment());
        assertEquals("/rules", validation.problems().get(0).pointer());
    }
}
