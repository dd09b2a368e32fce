package org.stellaops.attestor.policy;

/** The serialisations of a policy document. Both describe the same JSON data model. */
public enum PolicyFormat {
    /** RFC 8259 JSON, parsed strictly (no duplicate members). */
    JSON,
    /** YAML 1.1 as read by SnakeYAML, restricted to the JSON data model: no aliases, no duplicate keys, one document. */
    YAML
}
