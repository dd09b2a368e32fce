package org.stellaops.attestor.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of a policy, as the document gives it.
 *
 * @param id the rule's id, unique within the policy; reports name rules by it
 * @param type the rule type (built-in or a {@link org.stellaops.attestor.api.policy.PolicyRule} service's)
 * @param mode the rule's own mode, or null to inherit the policy's
 * @param description what the rule is for, possibly empty
 * @param predicateTypes globs over predicate types the rule applies to; empty for all (otherwise the rule is not
 *                       applicable to other types)
 * @param config the rule type's configuration object (a read-only JSON tree, see
 *               {@link org.stellaops.attestor.api.policy.PolicyRule})
 */
public record RuleSpec(String id, String type, Mode mode, String description, List<String> predicateTypes,
                       Map<String, Object> config) {

    /**
     * @param id not null
     * @param type not null
     * @param mode may be null
     * @param description null reads as empty
     * @param predicateTypes not null
     * @param config not null; its top level is copied (nested values must already be read-only)
     */
    public RuleSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
        predicateTypes = List.copyOf(predicateTypes);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /**
     * @param policyMode the policy's mode
     * @return the mode the rule is evaluated in: the weaker of its own (if any) and the policy's
     */
    public Mode effectiveMode(Mode policyMode) {
        return mode == null ? policyMode : policyMode.weaker(mode);
    }
}
