package org.stellaops.attestor.api.policy;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.Decision;

/**
 * A verification-policy rule type, for example "issuer" or "no critical findings".
 *
 * <p>Register as an OSGi service; policies refer to the rule by {@link #type()}. Implementations must be
 * deterministic (the same context and configuration give the same decision) and thread-safe.
 */
@ConsumerType
public interface PolicyRule {

    /** @return the rule type name used in policy documents, unique across installed rules */
    String type();

    /** @return the JSON Schema of this rule's configuration object */
    String configSchema();

    /**
     * Evaluates the rule.
     *
     * @param context what verification established about one attestation
     * @param config this rule's configuration from the policy, already validated against {@link #configSchema()}
     * @return the decision with a reason and the evidence used
     */
    Decision evaluate(VerificationContext context, Map<String, Object> config);
}
