package org.stellaops.attestor.policy.internal;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyValidation;
import org.stellaops.attestor.policy.RuleTypeInfo;

/**
 * The {@link PolicyEngine} service. Tracks {@link PolicyRule} services dynamically: a custom rule type is usable from
 * the moment its service is registered until it is unregistered, without restarting anything. Configuration PID
 * {@value #PID}, optional.
 */
@Component(service = PolicyEngine.class, configurationPid = PolicyEngineComponent.PID)
@Designate(ocd = PolicyEngineComponent.Config.class)
public final class PolicyEngineComponent implements PolicyEngine {

    /** The configuration PID. */
    public static final String PID = "org.stellaops.attestor.policy";

    /** Configuration of the policy engine. */
    @ObjectClassDefinition(name = "StellaOps policy engine",
            description = "Limits on verification-policy documents.")
    public @interface Config {
        /** @return the largest policy document accepted, in bytes */
        @AttributeDefinition(name = "Largest document (bytes)", min = "1024")
        int maxDocumentBytes() default 262144;

        /** @return the most rules one policy may have */
        @AttributeDefinition(name = "Most rules per policy", min = "1", max = "1000")
        int maxRules() default 64;
    }

    private final Engine engine;

    /**
     * @param config the configuration
     */
    @Activate
    public PolicyEngineComponent(Config config) {
        this.engine = new Engine(new RuleRegistry(), limits(config));
    }

    @Modified
    void modified(Config config) {
        engine.limits(limits(config));
    }

    private static Engine.Limits limits(Config config) {
        return new Engine.Limits(config.maxDocumentBytes(), config.maxRules());
    }

    /**
     * @param reference the rule service's reference
     * @param rule the rule
     */
    @Reference(service = PolicyRule.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeRule")
    void addRule(ServiceReference<PolicyRule> reference, PolicyRule rule) {
        Object ranking = reference.getProperty(Constants.SERVICE_RANKING);
        Bundle bundle = reference.getBundle();
        String provider = bundle == null ? "unknown" : bundle.getSymbolicName() + "/" + bundle.getVersion();
        engine.registry().add(rule, provider, ranking instanceof Integer r ? r : 0, serviceId(reference));
    }

    void removeRule(ServiceReference<PolicyRule> reference) {
        engine.registry().remove(serviceId(reference));
    }

    private static long serviceId(ServiceReference<PolicyRule> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    @Override
    public PolicyValidation validate(byte[] document, PolicyFormat format, PolicyEnvironment environment) {
        return engine.validate(document, format, environment);
    }

    @Override
    public PolicyDecision evaluate(PolicyDocument policy, VerificationContext context) {
        return engine.evaluate(policy, context);
    }

    @Override
    public List<RuleTypeInfo> ruleTypes() {
        return engine.ruleTypes();
    }
}
