package org.stellaops.attestor.policy.it;

import java.util.Map;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.api.policy.VerificationContext;

/** A custom rule type packed into a bundle by {@link PolicyBundleIT} at test time. */
public final class AlwaysPassRule implements PolicyRule {

    /** The type name. */
    public static final String TYPE = "it.alwaysPass";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String configSchema() {
        return "{\"type\":\"object\",\"additionalProperties\":false}";
    }

    @Override
    public Decision evaluate(VerificationContext context, Map<String, Object> config) {
        return new Decision(TYPE, Verdict.PASS, "always", Map.of());
    }
}
