package org.stellaops.attestor.policy;

import java.util.Objects;

/**
 * One rule type a policy may use.
 *
 * @param type the type name
 * @param builtin whether it is one of the engine's own types
 * @param provider {@code builtin}, or the providing bundle's {@code <symbolic name>/<version>}
 * @param description what it checks
 * @param configSchema the JSON Schema of its configuration
 */
public record RuleTypeInfo(String type, boolean builtin, String provider, String description, String configSchema) {

    /**
     * @param type not null
     * @param builtin flag
     * @param provider not null
     * @param description not null
     * @param configSchema not null
     */
    public RuleTypeInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(configSchema, "configSchema");
    }
}
