package org.stellaops.attestor.core.internal;

import java.util.Comparator;
import java.util.stream.Collectors;

import org.stellaops.attestor.policy.PolicyEngine;
import org.stellaops.attestor.policy.RuleTypeInfo;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * The policy engine service as the core sees it: optional and dynamic. A request takes the engine once and uses it
 * throughout; without one, every policy operation fails at once with {@value #UNAVAILABLE} (503).
 */
final class PolicyEngines {

    /** No policy engine is registered (the policy bundle is stopped or missing). */
    static final String UNAVAILABLE = "policy.engine_unavailable";

    private volatile PolicyEngine engine;

    void bind(PolicyEngine bound) {
        engine = bound;
    }

    void unbind(PolicyEngine unbound) {
        if (engine == unbound) {
            engine = null;
        }
    }

    /**
     * @return the engine
     * @throws AttestorException {@value #UNAVAILABLE} when none is registered
     */
    PolicyEngine require() {
        PolicyEngine current = engine;
        if (current == null) {
            throw new AttestorException(UNAVAILABLE, "no policy engine is running (bundle "
                    + "org.stellaops.attestor.policy); policies cannot be validated or evaluated now");
        }
        return current;
    }

    /**
     * @param engine an engine
     * @return what decisions of this engine depend on besides the policy and the evidence: the engine instance and
     *         the rule types installed (a custom rule type that comes, goes or is updated changes it)
     */
    static String fingerprint(PolicyEngine engine) {
        return Integer.toHexString(System.identityHashCode(engine)) + ":" + engine.ruleTypes().stream()
                .sorted(Comparator.comparing(RuleTypeInfo::type))
                .map(t -> t.type() + "=" + t.provider()).collect(Collectors.joining(","));
    }
}
