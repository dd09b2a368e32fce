package org.stellaops.attestor.policy.internal;

import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyValidation;
import org.stellaops.attestor.policy.RuleTypeInfo;

/** The engine without OSGi: a rule registry, the schema cache and the document limits. */
final class Engine implements PolicyEngine {

    /**
     * Document limits.
     *
     * @param maxDocumentBytes largest document accepted
     * @param maxRules most rules in one policy
     */
    record Limits(int maxDocumentBytes, int maxRules) {

        static final Limits DEFAULT = new Limits(256 * 1024, 64);

        Limits {
            if (maxDocumentBytes < 1 || maxRules < 1) {
                throw new IllegalArgumentException("maxDocumentBytes and maxRules must be positive");
            }
        }
    }

    private final RuleRegistry registry;
    private final ConfigSchemas schemas = new ConfigSchemas();
    private volatile Limits limits;

    Engine(RuleRegistry registry, Limits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    void limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    RuleRegistry registry() {
        return registry;
    }

    @Override
    public PolicyValidation validate(byte[] document, PolicyFormat format, PolicyEnvironment environment) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(environment, "environment");
        Limits current = limits;
        DocumentReader.Read read = DocumentReader.read(document, format, current.maxDocumentBytes());
        if (read.problem() != null) {
            return new PolicyValidation(null, List.of(read.problem()));
        }
        return new DocumentValidator(registry.snapshot(), schemas, environment, current.maxRules())
                .validate(read.root());
    }

    @Override
    public PolicyDecision evaluate(PolicyDocument policy, VerificationContext context) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(context, "context");
        return new Evaluator(registry.snapshot(), schemas).evaluate(policy, context);
    }

    @Override
    public List<RuleTypeInfo> ruleTypes() {
        return registry.describe();
    }
}
