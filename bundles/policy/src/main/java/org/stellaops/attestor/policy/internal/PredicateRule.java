package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code predicate}: conditions over the facts the predicate handler extracted, all of which ({@code all}) or one of
 * which ({@code any}) must hold. An opaque predicate (no handler) has no facts, so every such rule fails on it.
 */
final class PredicateRule extends BuiltinRule<PredicateRule.Settings> {

    static final String TYPE = "predicate";

    record Settings(boolean all, List<FactCondition> conditions) {
    }

    PredicateRule() {
        super(TYPE, "Conditions over the facts the predicate handler extracted hold (e.g. no critical findings).");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("all", "any");
        if (config.has("all") == config.has("any")) {
            config.problem(config.pointer("all"), config.has("any") ? ConfigProblem.BAD_VALUE
                    : ConfigProblem.MISSING_MEMBER, "give exactly one of 'all' and 'any'");
            return new Settings(true, List.of());
        }
        String member = config.has("all") ? "all" : "any";
        List<FactCondition> conditions = new ArrayList<>();
        Optional<List<Object>> list = config.array(member, true, true);
        for (int i = 0; list.isPresent() && i < list.get().size(); i++) {
            String at = config.pointer(member, i);
            if (list.get().get(i) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                conditions.add(FactCondition.read(config.child(object, at)));
            } else {
                config.problem(at, ConfigProblem.BAD_TYPE, "a condition is an object {fact, op, value}");
            }
        }
        return new Settings(member.equals("all"), conditions);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        // facts are named by predicate handlers, which may come and go: nothing to check against the environment
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        String combine = settings.all() ? "all" : "any";
        if (!context.hasFacts()) {
            return fail("predicate type " + context.statement().predicateType() + " is opaque here: no handler"
                    + " extracted facts, so no condition can be checked", Evidence.map("combine", combine,
                    "derivedBy", "", "conditions", settings.conditions().stream().map(FactCondition::text).toList()));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<FactCondition.Outcome> outcomes = new ArrayList<>();
        for (FactCondition condition : settings.conditions()) {
            FactCondition.Outcome outcome = condition.test(context.facts());
            outcomes.add(outcome);
            results.add(Evidence.map("fact", condition.fact(), "op", condition.op(), "value", condition.value(),
                    "actual", context.facts().get(condition.fact()), "holds", outcome.holds(),
                    "detail", outcome.detail()));
        }
        Map<String, Object> evidence = Evidence.map("combine", combine, "derivedBy", context.factsDerivedBy(),
                "conditions", results);
        boolean holds = settings.all() ? outcomes.stream().allMatch(FactCondition.Outcome::holds)
                : outcomes.stream().anyMatch(FactCondition.Outcome::holds);
        if (holds) {
            return pass(settings.all() ? "all " + outcomes.size() + " condition(s) hold"
                    : "condition '" + settings.conditions().get(firstHolding(outcomes)).text() + "' holds", evidence);
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).holds()) {
                failed.add("'" + settings.conditions().get(i).text() + "' does not hold: " + outcomes.get(i).detail());
            }
        }
        return fail((settings.all() ? "" : "none of the conditions holds: ") + String.join("; ", failed), evidence);
    }

    private static int firstHolding(List<FactCondition.Outcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).holds()) {
                return i;
            }
        }
        throw new IllegalStateException("no condition holds");
    }
}
