package org.stellaops.attestor.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.policy.internal.DecisionJson;

/**
 * The outcome of evaluating one policy over one attestation.
 *
 * <p>{@link Verdict#PASS} when no rule failed in enforce mode and at least one rule applied (warnings may remain),
 * {@link Verdict#FAIL} otherwise, and {@link Verdict#NOT_APPLICABLE} when the policy's selector does not match the
 * attestation (then no rule is evaluated). Only {@link #allowed()} means "the policy admits this attestation".
 *
 * @param policyId the policy's id
 * @param policyVersion its version
 * @param policyDigest its content digest
 * @param envelopeDigest the attestation's envelope digest
 * @param verdict the overall verdict
 * @param reason one sentence summing the verdict up
 * @param evaluatedAt the verification time the evaluation used
 * @param trustedTime the attestation's trusted time and its source
 * @param rules one result per rule, in policy order
 * @param warnings ids of the rules that failed in warn mode
 * @param failures ids of the rules that failed in enforce mode
 */
public record PolicyDecision(String policyId, int policyVersion, String policyDigest, String envelopeDigest,
                             Verdict verdict, String reason, Instant evaluatedAt, TrustedTime trustedTime,
                             List<RuleResult> rules, List<String> warnings, List<String> failures) {

    /**
     * @param policyId not null
     * @param policyVersion at least 1
     * @param policyDigest not null
     * @param envelopeDigest not null
     * @param verdict not null
     * @param reason not null
     * @param evaluatedAt not null
     * @param trustedTime not null
     * @param rules not null
     * @param warnings not null
     * @param failures not null
     */
    public PolicyDecision {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(policyDigest, "policyDigest");
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(trustedTime, "trustedTime");
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
        failures = List.copyOf(failures);
    }

    /** @return whether the policy admits the attestation: the verdict is {@link Verdict#PASS} */
    public boolean allowed() {
        return verdict == Verdict.PASS;
    }

    /**
     * @return the decision as RFC 8785 canonical JSON (UTF-8): the same inputs always give the same bytes. The
     *         members are described in {@code docs/policies.md} ("Decision report").
     */
    public byte[] toJson() {
        return DecisionJson.canonical(this);
    }
}
