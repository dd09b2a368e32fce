package com.example.attestor.testresults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void appliesTheStandardRulesWhenTheBundleHasNoHeader() {
        assertEquals(RuleSet.STANDARD, RuleSet.fromHeader(null));
        assertEquals(RuleSet.STANDARD, RuleSet.fromHeader(" "));
    }

    @Test
    void readsTheRuleSetTheHeaderNamesInAnyCase() {
        assertEquals(RuleSet.STRICT, RuleSet.fromHeader(" Strict "));
        assertEquals(RuleSet.STANDARD, RuleSet.fromHeader("standard"));
    }

    @Test
    void refusesARuleSetItDoesNotKnowSoThatTheComponentDoesNotActivate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleSet.fromHeader("strickt"));

        assertTrue(e.getMessage().contains("TestResults-RuleSet must be 'standard' or 'strict', not 'strickt'"));
    }

    @Test
    void shipsTheSchemaOfEveryRuleSet() {
        for (RuleSet ruleSet : RuleSet.values()) {
            assertTrue(ruleSet.schemaText().contains("https://json-schema.org/draft/2020-12/schema"), ruleSet::name);
        }
    }
}
