package org.stellaops.attestor.policy;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * The verification-policy engine, registered as an OSGi service by this bundle. Thread-safe; it keeps no state
 * besides the rule types currently installed.
 */
@ProviderType
public interface PolicyEngine {

    /**
     * Parses and validates a policy document strictly: structure, every rule's configuration (the rule type's schema
     * and its own checks), and every key, key set, log and witness it names against the environment.
     *
     * @param document the document bytes (UTF-8)
     * @param format JSON or YAML
     * @param environment what the deployment knows, for the tenant the policy belongs to
     * @return the document, or every problem with a JSON Pointer; never throws for bad input
     */
    PolicyValidation validate(byte[] document, PolicyFormat format, PolicyEnvironment environment);

    /**
     * Evaluates a validated policy over one attestation. Deterministic: reads no clock (the context carries the
     * verification time), and the same policy and context give a decision with byte-identical
     * {@link PolicyDecision#toJson()}. Never throws for anything a rule does: a rule type that is not installed, a
     * configuration the installed rule no longer accepts, or a rule that throws is reported as not evaluable and
     * fails closed in its mode.
     *
     * @param policy a policy from {@link #validate}
     * @param context what verification established
     * @return the decision
     */
    PolicyDecision evaluate(PolicyDocument policy, VerificationContext context);

    /**
     * @return the rule types usable right now (built-in ones first, then custom ones by name)
     */
    List<RuleTypeInfo> ruleTypes();
}
