package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.policy.PolicyCodes;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyValidation;
import org.stellaops.attestor.policy.RuleTypeInfo;

class RuleRegistryTest {

    private static final String USES_MIN_FACT = Fixtures.oneRule("test.minFact", "{\"fact\":\"a\",\"min\":1}");

    private static PolicyValidation validate(Engine engine, String json) {
        return engine.validate(json.getBytes(StandardCharsets.UTF_8), PolicyFormat.JSON, Fixtures.environment());
    }

    @Test
    void listsTheBuiltInTypesFirst() {
        List<String> types = Fixtures.engine().ruleTypes().stream().map(RuleTypeInfo::type).toList();
        assertEquals(List.of("issuer", "signatureThreshold", "freshness", "transparency", "witnessQuorum", "predicate",
                "subject"), types);
    }

    @Test
    void aCustomRuleTypeIsUsableWhileItsServiceIsRegistered() {
        Engine engine = Fixtures.engine();
        assertEquals(PolicyCodes.UNKNOWN_RULE_TYPE, validate(engine, USES_MIN_FACT).problems().get(0).code());
        engine.registry().add(new TestRules.MinFact(), "com.example.rules/1.0.0", 0, 42);
        assertTrue(validate(engine, USES_MIN_FACT).valid());
        RuleTypeInfo info = engine.ruleTypes().get(7);
        assertEquals("test.minFact", info.type());
        assertEquals("com.example.rules/1.0.0", info.provider());
        assertFalse(info.builtin());
        engine.registry().remove(42);
        assertEquals(PolicyCodes.UNKNOWN_RULE_TYPE, validate(engine, USES_MIN_FACT).problems().get(0).code());
    }

    @Test
    void aCustomConfigurationIsCheckedAgainstTheSchemaThenByTheRule() {
        Engine engine = Fixtures.engine();
        engine.registry().add(new TestRules.MinFact(), "plugin/1", 0, 1);
        PolicyValidation missing = validate(engine, Fixtures.oneRule("test.minFact", "{\"fact\":\"a\"}"));
        assertEquals("/rules/0/config/min", missing.problems().get(0).pointer());
        assertEquals("policy.missing_member", missing.problems().get(0).code());
        PolicyValidation wrongType = validate(engine, Fixtures.oneRule("test.minFact", "{\"fact\":\"a\",\"min\":\"x\"}"));
        assertEquals("/rules/0/config/min", wrongType.problems().get(0).pointer());
        assertEquals(PolicyCodes.SCHEMA_VIOLATION, wrongType.problems().get(0).code());
        PolicyValidation negative = validate(engine, Fixtures.oneRule("test.minFact", "{\"fact\":\"a\",\"min\":-1}"));
        assertEquals("/rules/0/config/min", negative.problems().get(0).pointer());
        assertEquals("policy.bad_value", negative.problems().get(0).code());
    }

    @Test
    void aRuleTypeWhoseSchemaDoesNotCompileIsReported() {
        Engine engine = Fixtures.engine();
        engine.registry().add(new TestRules.BrokenSchema(), "plugin/1", 0, 1);
        PolicyValidation validation = validate(engine, Fixtures.oneRule("test.brokenSchema", "{}"));
        assertEquals(PolicyCodes.RULE_TYPE_BROKEN, validation.problems().get(0).code());
        assertEquals("/rules/0/config", validation.problems().get(0).pointer());
    }

    @Test
    void builtInAndUndottedNamesAreReservedForTheEngine() {
        RuleRegistry registry = new RuleRegistry();
        assertFalse(registry.add(new TestRules.Fixed("issuer", Verdict.PASS), "evil/1", 1000, 1));
        assertFalse(registry.add(new TestRules.Fixed("mine", Verdict.PASS), "plugin/1", 0, 2));
        assertFalse(registry.add(new TestRules.Fixed("a." + "x".repeat(70), Verdict.PASS), "plugin/1", 0, 3));
        assertTrue(registry.snapshot().get("issuer").builtin());
        assertEquals(7, registry.snapshot().size());
    }

    @Test
    void theHighestRankedServiceOfATypeWinsThenTheOldest() {
        RuleRegistry registry = new RuleRegistry();
        registry.add(new TestRules.Fixed("test.x", Verdict.PASS), "old/1", 0, 5);
        registry.add(new TestRules.Fixed("test.x", Verdict.FAIL), "newer/1", 0, 9);
        assertEquals("old/1", registry.snapshot().get("test.x").provider());
        registry.add(new TestRules.Fixed("test.x", Verdict.FAIL), "ranked/1", 10, 12);
        assertEquals("ranked/1", registry.snapshot().get("test.x").provider());
        registry.remove(12);
        assertEquals("old/1", registry.snapshot().get("test.x").provider());
    }
}
