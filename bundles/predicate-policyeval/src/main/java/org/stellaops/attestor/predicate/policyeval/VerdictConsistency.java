package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * The overall verdict must follow from the rule results: {@code fail} when an enforced rule failed, else {@code warn}
 * when a rule warned or an advisory rule failed, else {@code pass} (every rule passed or was skipped). A rule's
 * {@code enforcement} defaults to {@code enforce}.
 */
final class VerdictConsistency {

    private static final String RULES = "/predicate/rules";
    private static final int LISTED_RULES = 5;

    private VerdictConsistency() {
    }

    /**
     * @param predicate the predicate, valid or not
     * @return the inconsistency, at {@code /predicate/verdict}; empty when the verdict follows from the rules, or when
     *         the verdict or a rule result is malformed or there is no rule (the schema reports those)
     */
    static Optional<ValidationError> check(JsonNode predicate) {
        Optional<Verdict> stated = Verdict.of(predicate.path("verdict").asText(null));
        JsonNode rules = predicate.path("rules");
        if (stated.isEmpty() || !rules.isArray() || rules.isEmpty()) {
            return Optional.empty();
        }
        Verdict expected = Verdict.PASS;
        List<String> decisive = new ArrayList<>();
        List<Verdict> effects = new ArrayList<>();
        for (JsonNode rule : rules) {
            Optional<Verdict> effect = Verdict.effect(rule.path("verdict").asText(""),
                    rule.path("enforcement").asText("enforce"));
            if (effect.isEmpty() || !rule.path("enforcement").isMissingNode() && !rule.path("enforcement").isTextual()) {
                return Optional.empty();
            }
            effects.add(effect.get());
            if (effect.get().compareTo(expected) > 0) {
                expected = effect.get();
            }
        }
        if (expected == stated.get()) {
            return Optional.empty();
        }
        for (int i = 0; i < effects.size(); i++) {
            if (effects.get(i) == expected && expected != Verdict.PASS) {
                decisive.add(rules.get(i).path("id").asText("?") + " (" + Pointers.append(RULES, i) + ")");
            }
        }
        return Optional.of(new ValidationError("/predicate/verdict", message(stated.get(), expected, decisive)));
    }

    private static String message(Verdict stated, Verdict expected, List<String> decisive) {
        String shown = String.join(", ", decisive.subList(0, Math.min(decisive.size(), LISTED_RULES)))
                + (decisive.size() > LISTED_RULES ? " and " + (decisive.size() - LISTED_RULES) + " more" : "");
        String prefix = "is " + stated.label() + " but the rule results make it " + expected.label() + ": ";
        switch (expected) {
            case FAIL:
                return prefix + "enforced rule(s) failed: " + shown;
            case WARN:
                return prefix + "no enforced rule failed, and rule(s) warned or failed as advisory: " + shown;
            default:
                return prefix + "every rule passed or was skipped";
        }
    }
}
