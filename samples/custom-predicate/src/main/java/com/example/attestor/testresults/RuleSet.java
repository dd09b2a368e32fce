package com.example.attestor.testresults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rules a build of this bundle applies. The build chooses with the manifest header {@value #HEADER} (bnd.bnd:
 * {@code standard}, strict.bnd: {@code strict}), so that one source tree yields two bundle versions with different
 * rules and the second installs as an update of the first.
 */
enum RuleSet {

    /** Version 1.0: {@code runner.version} is optional and failed tests are recorded as they are. */
    STANDARD("/schemas/test-results-v1.schema.json"),

    /**
     * Version 1.1: also requires {@code runner.version}, and refuses a run with failed tests unless it says
     * {@code "allowFailures": true}.
     */
    STRICT("/schemas/test-results-v1-strict.schema.json");

    /** Manifest header that selects the rule set. */
    static final String HEADER = "TestResults-RuleSet";

    private final String schemaResource;

    RuleSet(String schemaResource) {
        this.schemaResource = schemaResource;
    }

    /**
     * @param headerValue the value of {@value #HEADER}, or null when the bundle has none
     * @return {@link #STANDARD} when the header is absent, else the named rule set
     * @throws IllegalArgumentException for any other value: a typo must stop the component from activating rather
     *         than silently apply the wrong rules
     */
    static RuleSet fromHeader(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return STANDARD;
        }
        String name = headerValue.strip().toLowerCase(Locale.ROOT);
        for (RuleSet ruleSet : values()) {
            if (ruleSet.wireName().equals(name)) {
                return ruleSet;
            }
        }
        throw new IllegalArgumentException(HEADER + " must be 'standard' or 'strict', not '" + headerValue + "'");
    }

    /** @return the lowercase name used in the manifest header and in the {@code testResults.ruleSet} fact */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean requiresRunnerVersion() {
        return this == STRICT;
    }

    boolean refusesUnallowedFailures() {
        return this == STRICT;
    }

    /**
     * @return the JSON Schema that documents this rule set, as shipped in the bundle
     * @throws IllegalStateException if the bundle was packaged without it
     */
    String schemaText() {
        try (InputStream in = RuleSet.class.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the bundle: " + schemaResource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + schemaResource, e);
        }
    }
}
