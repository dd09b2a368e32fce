package org.stellaops.attestor.api.model;

import java.util.Map;
import java.util.Objects;

/**
 * The result of evaluating one rule: a verdict, a human-readable reason and the evidence used.
 *
 * @param rule the rule (or check) name
 * @param verdict the outcome
 * @param reason why, in one sentence a person can act on
 * @param evidence what was used (key ids, log ids, times …) as a JSON-compatible map
 */
public record Decision(String rule, Verdict verdict, String reason, Map<String, Object> evidence) {
    /**
     * Copies the evidence.
     *
     * @param rule not null
     * @param verdict not null
     * @param reason not null
     * @param evidence not null
     */
    public Decision {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        evidence = Map.copyOf(evidence);
    }
}
