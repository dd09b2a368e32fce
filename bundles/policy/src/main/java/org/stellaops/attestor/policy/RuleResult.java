package org.stellaops.attestor.policy;

import java.util.Map;
import java.util.Objects;

import org.stellaops.attestor.api.model.Verdict;

/**
 * One line of a decision: how one rule of the policy came out.
 *
 * @param id the rule's id in the policy
 * @param type its rule type
 * @param mode the mode it was evaluated in (the weaker of its own and the policy's)
 * @param outcome pass, fail or not applicable
 * @param effect what the outcome did to the verdict
 * @param evaluable false when the rule could not be evaluated at all (type not installed, configuration no longer
 *                  valid for the installed rule, the rule threw or returned nothing usable); such a rule fails
 * @param reason one sentence a person can act on
 * @param evidence what the rule used (keys, logs, witnesses, times and their source …), JSON-compatible
 */
public record RuleResult(String id, String type, Mode mode, Verdict outcome, Effect effect, boolean evaluable,
                         String reason, Map<String, Object> evidence) {

    /**
     * @param id not null
     * @param type not null
     * @param mode not null
     * @param outcome not null
     * @param effect not null
     * @param evaluable flag
     * @param reason not null
     * @param evidence not null
     */
    public RuleResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(reason, "reason");
        evidence = Map.copyOf(evidence);
    }
}
