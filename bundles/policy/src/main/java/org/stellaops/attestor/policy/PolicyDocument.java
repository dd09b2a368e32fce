package org.stellaops.attestor.policy;

import java.util.List;
import java.util.Objects;

/**
 * A validated {@code VerificationPolicy}. Instances come from {@link PolicyEngine#validate}; the digest identifies
 * the content for caching and for reports.
 *
 * @param id the policy's id
 * @param version the policy's version, from 1
 * @param description what the policy is for, possibly empty
 * @param mode the policy's mode (default {@link Mode#ENFORCE})
 * @param selector the attestations it applies to
 * @param rules its rules, in document order, at least one
 * @param digest {@code sha256:<hex>} of the RFC 8785 canonical JSON of the document (the same for the JSON and the
 *               YAML form of one policy)
 */
public record PolicyDocument(String id, int version, String description, Mode mode, Selector selector,
                             List<RuleSpec> rules, String digest) {

    /**
     * @param id not null
     * @param version at least 1
     * @param description null reads as empty
     * @param mode not null
     * @param selector not null
     * @param rules not empty
     * @param digest not null
     */
    public PolicyDocument {
        Objects.requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("policy versions start at 1");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(selector, "selector");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a policy has at least one rule");
        }
        Objects.requireNonNull(digest, "digest");
    }
}
