package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.ALICE_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.BOB_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.key;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.SignatureEvidence;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.policy.Effect;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.RuleResult;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.Jcs;

class EvaluatorTest {

    private static final String HEAD = "\"apiVersion\":\"stella-ops.org/attestor/policy/v1\","
            + "\"kind\":\"VerificationPolicy\",\"id\":\"p\",\"version\":2";

    private static Engine engineWithFixedRules() {
        Engine engine = Fixtures.engine();
        engine.registry().add(new TestRules.Fixed("test.pass", Verdict.PASS), "test/1", 0, 1);
        engine.registry().add(new TestRules.Fixed("test.fail", Verdict.FAIL), "test/1", 0, 2);
        engine.registry().add(new TestRules.Fixed("test.na", Verdict.NOT_APPLICABLE), "test/1", 0, 3);
        return engine;
    }

    private static String policy(String policyMode, String... rules) {
        return "{" + HEAD + (policyMode == null ? "" : ",\"mode\":\"" + policyMode + "\"") + ",\"rules\":["
                + String.join(",", rules) + "]}";
    }

    private static String rule(String id, String type, String mode) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"" + (mode == null ? "" : ",\"mode\":\"" + mode + "\"")
                + "}";
    }

    private static PolicyDecision evaluate(Engine engine, String policy, VerificationContext context) {
        return engine.evaluate(Fixtures.policy(engine, policy), context);
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                // policy mode, rule mode, rule outcome type → verdict, effect
                Arguments.of("enforce", null, "test.fail", Verdict.FAIL, Effect.FAIL),
                Arguments.of("enforce", "warn", "test.fail", Verdict.PASS, Effect.WARN),
                Arguments.of("enforce", "audit", "test.fail", Verdict.PASS, Effect.AUDIT),
                Arguments.of("warn", null, "test.fail", Verdict.PASS, Effect.WARN),
                Arguments.of("warn", "enforce", "test.fail", Verdict.PASS, Effect.WARN),
                Arguments.of("audit", "enforce", "test.fail", Verdict.PASS, Effect.AUDIT),
                Arguments.of(null, null, "test.pass", Verdict.PASS, Effect.NONE),
                Arguments.of("warn", null, "test.pass", Verdict.PASS, Effect.NONE));
    }

    @ParameterizedTest(name = "policy {0}, rule {1}, {2} → {3} with effect {4}")
    @MethodSource("modes")
    void aFailingRuleCountsAsItsEffectiveModeSays(String policyMode, String ruleMode, String type, Verdict verdict,
                                                  Effect effect) {
        Engine engine = engineWithFixedRules();
        PolicyDecision decision = evaluate(engine, policy(policyMode, rule("r", type, ruleMode),
                rule("ok", "test.pass", null)), Fixtures.context().build());
        assertEquals(verdict, decision.verdict(), decision.reason());
        assertEquals(effect, decision.rules().get(0).effect());
        assertEquals(effect == Effect.WARN ? List.of("r") : List.of(), decision.warnings());
        assertEquals(effect == Effect.FAIL ? List.of("r") : List.of(), decision.failures());
    }

    @Test
    void auditOnlyFailuresAreRecordedInTheReason() {
        PolicyDecision decision = evaluate(engineWithFixedRules(), policy(null, rule("r", "test.fail", "audit"),
                rule("ok", "test.pass", null)), Fixtures.context().build());
        assertTrue(decision.allowed());
        assertTrue(decision.reason().contains("1 audit-only failure(s) recorded"), decision.reason());
    }

    @Test
    void aPolicyNoRuleOfWhichAppliesFailsInEnforceMode() {
        PolicyDecision decision = evaluate(engineWithFixedRules(), policy(null, rule("n", "test.na", null)),
                Fixtures.context().build());
        assertEquals(Verdict.FAIL, decision.verdict());
        assertEquals("no rule of the policy applies to this attestation", decision.reason());
    }

    @Test
    void aPolicyNoRuleOfWhichAppliesOnlyWarnsInWarnMode() {
        PolicyDecision decision = evaluate(engineWithFixedRules(), policy("warn", rule("n", "test.na", null)),
                Fixtures.context().build());
        assertEquals(Verdict.PASS, decision.verdict());
        assertTrue(decision.reason().contains("this fails in enforce mode"), decision.reason());
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("{\"tenants\":[\"globex\"]}", "tenant 'acme' is not one of [globex]"),
                Arguments.of("{\"predicateTypes\":[\"https://slsa.dev/provenance/*\"]}",
                        "predicate type " + Fixtures.SCAN + " does not match [https://slsa.dev/provenance/*]"),
                Arguments.of("{\"subjects\":[{\"name\":\"pkg:oci/other/*\"},{\"digest\":\"" + Fixtures.OTHER + "\"}]}",
                        "no subject matches the selector's subject patterns"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectors")
    void aPolicyWhoseSelectorDoesNotMatchIsNotApplicableAndEvaluatesNoRule(String selector, String why) {
        PolicyDecision decision = evaluate(engineWithFixedRules(), "{" + HEAD + ",\"selector\":" + selector
                + ",\"rules\":[" + rule("r", "test.fail", null) + "]}", Fixtures.context().build());
        assertEquals(Verdict.NOT_APPLICABLE, decision.verdict());
        assertFalse(decision.allowed());
        assertEquals("the policy does not apply: " + why, decision.reason());
        assertEquals(Verdict.NOT_APPLICABLE, decision.rules().get(0).outcome());
    }

    @Test
    void aSelectorMatchesByTenantTypeGlobAndSubjectDigest() {
        PolicyDecision decision = evaluate(engineWithFixedRules(), "{" + HEAD + ",\"selector\":{\"tenants\":"
                + "[\"acme\"],\"predicateTypes\":[\"https://stella-ops.org/*\"],\"subjects\":[{\"digest\":\""
                + Fixtures.APP + "\"}]},\"rules\":[" + rule("r", "test.pass", null) + "]}", Fixtures.context().build());
        assertEquals(Verdict.PASS, decision.verdict());
    }

    @Test
    void aRuleForOtherPredicateTypesIsNotApplicable() {
        PolicyDecision decision = evaluate(engineWithFixedRules(), policy(null,
                "{\"id\":\"vex-only\",\"type\":\"test.fail\",\"predicateTypes\":[\"https://openvex.dev/ns*\"]}",
                rule("ok", "test.pass", null)), Fixtures.context().build());
        assertEquals(Verdict.PASS, decision.verdict());
        RuleResult vexOnly = decision.rules().get(0);
        assertEquals(Verdict.NOT_APPLICABLE, vexOnly.outcome());
        assertEquals("the rule applies only to predicate types [https://openvex.dev/ns*]", vexOnly.reason());
    }

    static Stream<Arguments> misbehavingRules() {
        return Stream.of(
                Arguments.of(new TestRules.Throws(), "failed: java.lang.IllegalStateException: the rule's backing"
                        + " data is unavailable"),
                Arguments.of(new TestRules.ReturnsNothing(), "returned no decision"),
                Arguments.of(new TestRules.OpaqueEvidence(), "evidence cannot hold a java.lang.Object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misbehavingRules")
    void aRuleThatMisbehavesIsNotEvaluableAndFails(org.stellaops.attestor.api.policy.PolicyRule rule, String why) {
        Engine engine = engineWithFixedRules();
        engine.registry().add(rule, "plugin/1.0.0", 0, 10);
        PolicyDecision decision = evaluate(engine, policy(null, rule("r", rule.type(), null)),
                Fixtures.context().build());
        RuleResult result = decision.rules().get(0);
        assertEquals(Verdict.FAIL, decision.verdict());
        assertFalse(result.evaluable());
        assertTrue(result.reason().startsWith("not evaluable: "), result.reason());
        assertTrue(result.reason().contains(why), result.reason());
    }

    @Test
    void aRuleTypeUninstalledAfterValidationFailsClosedInItsMode() {
        Engine engine = engineWithFixedRules();
        engine.registry().add(new TestRules.MinFact(), "plugin/1.0.0", 0, 10);
        PolicyDocument document = Fixtures.policy(engine, policy(null,
                "{\"id\":\"gone\",\"type\":\"test.minFact\",\"mode\":\"warn\",\"config\":{\"fact\":\"a\",\"min\":1}}",
                rule("ok", "test.pass", null)));
        engine.registry().remove(10);
        PolicyDecision decision = engine.evaluate(document, Fixtures.context().build());
        assertEquals(Verdict.PASS, decision.verdict());
        assertEquals(List.of("gone"), decision.warnings());
        assertEquals("not evaluable: rule type test.minFact is not installed", decision.rules().get(0).reason());
    }

    @Test
    void aConfigurationTheUpdatedRuleTypeNoLongerAcceptsIsNotEvaluable() {
        Engine engine = engineWithFixedRules();
        engine.registry().add(new TestRules.MinFact(), "plugin/1.0.0", 0, 10);
        PolicyDocument document = Fixtures.policy(engine, policy(null,
                "{\"id\":\"m\",\"type\":\"test.minFact\",\"config\":{\"fact\":\"a\",\"min\":1}}"));
        engine.registry().remove(10);
        engine.registry().add(new TestRules.MinFact("{\"type\":\"object\",\"required\":[\"threshold\"]}"),
                "plugin/2.0.0", 0, 11);
        RuleResult result = engine.evaluate(document, Fixtures.context().build()).rules().get(0);
        assertFalse(result.evaluable());
        assertTrue(result.reason().contains("not valid for the installed rule type test.minFact (plugin/2.0.0)"),
                result.reason());
    }

    @Test
    void theSameInputsGiveByteIdenticalCanonicalReports() {
        Engine engine = Fixtures.engine();
        String doc = policy(null,
                "{\"id\":\"two\",\"type\":\"signatureThreshold\",\"config\":{\"keySet\":\"release-signers\","
                        + "\"min\":2}}",
                "{\"id\":\"fresh\",\"type\":\"freshness\",\"config\":{\"maxAge\":\"PT24H\"}}",
                "{\"id\":\"logged\",\"type\":\"transparency\",\"mode\":\"warn\"}");
        VerificationContext context = Fixtures.context()
                .signature(SignatureEvidence.verified(0, "", key("bob", BOB_SPKI)))
                .signature(SignatureEvidence.verified(1, "", key("alice", ALICE_SPKI))).build();
        byte[] first = engine.evaluate(Fixtures.policy(engine, doc), context).toJson();
        byte[] second = Fixtures.engine().evaluate(Fixtures.policy(Fixtures.engine(), doc), context).toJson();
        assertArrayEquals(first, second);
        assertArrayEquals(first, Jcs.canonicalize(first, JsonLimits.DEFAULT), "already canonical");
        String json = new String(first, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"allowed\":true,\"envelopeDigest\":\"sha256:eeee"), json);
        assertTrue(json.contains("\"trustedTime\":{\"detail\":\"rekor.example\",\"instant\":\"2026-05-01T09:00:00Z\","
                + "\"source\":\"log\"}"), json);
        assertTrue(json.contains("\"warnings\":[\"logged\"]"), json);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportNamesEachRuleWithItsOutcomeEffectReasonAndEvidence() {
        Engine engine = Fixtures.engine();
        PolicyDecision decision = evaluate(engine, policy(null, "{\"id\":\"signed\",\"type\":\"issuer\","
                + "\"config\":{\"keys\":[\"alice\"]}}"), Fixtures.context()
                .signature(SignatureEvidence.verified(0, "", key("alice", ALICE_SPKI))).build());
        Map<String, Object> report = (Map<String, Object>) Tree.fromJson(org.stellaops.attestor.sdk.json.StrictJson
                .parse(decision.toJson(), JsonLimits.DEFAULT));
        Map<String, Object> rule = ((List<Map<String, Object>>) report.get("rules")).get(0);
        assertEquals("signed", rule.get("id"));
        assertEquals("issuer", rule.get("type"));
        assertEquals("enforce", rule.get("mode"));
        assertEquals("pass", rule.get("outcome"));
        assertEquals("none", rule.get("effect"));
        assertEquals(true, rule.get("evaluable"));
        assertTrue(((Map<String, Object>) rule.get("evidence")).containsKey("signatures"));
        assertEquals(Map.of("id", "p", "version", 2L, "digest", decision.policyDigest()), report.get("policy"));
        assertEquals("2026-05-01T12:00:00Z", report.get("evaluatedAt"));
    }
}
