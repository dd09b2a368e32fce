package org.stellaops.attestor.policy;

/**
 * Stable problem codes of policy documents, besides the {@link org.stellaops.attestor.api.policy.ConfigProblem}
 * codes (unknown member, missing member, bad type, bad value, duplicate, unsatisfiable, unknown key / key set / log /
 * witness) and the sdk's parse codes ({@code json.malformed}, {@code json.duplicate_member}, {@code json.too_deep},
 * {@code request.too_large}).
 */
public final class PolicyCodes {

    /** The rule type is neither built in nor provided by a registered {@code PolicyRule} service. */
    public static final String UNKNOWN_RULE_TYPE = "policy.unknown_rule_type";
    /** A rule configuration violates the rule type's published JSON Schema. */
    public static final String SCHEMA_VIOLATION = "policy.schema_violation";
    /** A custom rule type publishes a schema that does not compile, or its validation threw. */
    public static final String RULE_TYPE_BROKEN = "policy.rule_type_broken";
    /** The {@code apiVersion} or {@code kind} is not the one this engine reads. */
    public static final String UNSUPPORTED_VERSION = "policy.unsupported_version";

    private PolicyCodes() {
    }
}
