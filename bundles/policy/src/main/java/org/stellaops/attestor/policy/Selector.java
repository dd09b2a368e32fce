package org.stellaops.attestor.policy;

import java.util.List;

/**
 * Which attestations a policy applies to. Every non-empty list must match; an empty list matches everything.
 *
 * @param predicateTypes globs over the predicate type URI ({@code *} matches any run of characters)
 * @param subjects patterns of which at least one must match at least one statement subject
 * @param tenants tenants the attestation may belong to
 */
public record Selector(List<String> predicateTypes, List<SubjectPattern> subjects, List<String> tenants) {

    /** The selector that matches every attestation. */
    public static final Selector ANY = new Selector(List.of(), List.of(), List.of());

    /**
     * @param predicateTypes not null
     * @param subjects not null
     * @param tenants not null
     */
    public Selector {
        predicateTypes = List.copyOf(predicateTypes);
        subjects = List.copyOf(subjects);
        tenants = List.copyOf(tenants);
    }
}
