package org.stellaops.attestor.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.stellaops.attestor.sdk.intoto.DigestText;

/**
 * Checks of the {@code stella attest search} option values, held to the same rules as the service's record search
 * (docs/api.md, "GET /api/v1/rekor/entries"), so that a mistake is a usage error (exit 2) saying what is expected
 * instead of a round trip ending in {@code 400 request.invalid}; and the percent-encoding of query values.
 */
final class SearchArgs {

    /** The service's page size when the request names none. */
    static final int DEFAULT_PAGE = 100;
    /** The service's largest page. */
    static final int MAX_PAGE = 1000;
    /** The most {@code fact.} parameters one search may have. */
    static final int MAX_FACTS = 8;
    /** The longest fact name the service indexes (UTF-16 units). */
    static final int MAX_FACT_NAME = 128;
    /** The longest fact value the service indexes (UTF-16 units). */
    static final int MAX_FACT_VALUE = 1024;
    /** The longest value of any other query parameter the service reads. */
    static final int MAX_TEXT = 2048;
    /** The output formats of {@code --output}. */
    static final List<String> OUTPUTS = List.of("table", "json", "ndjson");

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{64}");

    private SearchArgs() {
    }

    /** @return {@code <algorithm>:<lowercase hex>}, or null when not given */
    static String subject(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DigestText.canonical(value);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("usage.bad_subject", "--subject " + e.getMessage() + ": " + shown(value), null);
        }
    }

    /** @return a key id (64 hex digits, lowercased), or null when not given */
    static String signer(String value) {
        if (value != null && !KEY_ID.matcher(value).matches()) {
            throw CliException.usage("usage.bad_signer", "--signer must be a key id: the 64 hex digits of SHA-256 of "
                    + "the key's SubjectPublicKeyInfo: " + shown(value), null);
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /**
     * @param option the option, for the message
     * @param code the error code of a bad value
     * @return the value (1 to {@value #MAX_TEXT} characters, no control character), or null when not given
     */
    static String text(String option, String code, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            throw CliException.usage(code, option + " must not be empty", null);
        }
        if (value.length() > MAX_TEXT) {
            throw CliException.usage(code, option + " is longer than " + MAX_TEXT + " characters", null);
        }
        if (hasControl(value)) {
            throw CliException.usage(code, option + " must not contain control characters", null);
        }
        return value;
    }

    /**
     * @param given the {@code --fact} values, each {@code <name>=<value>}; the name ends at the first {@code =}, so
     *              a value may hold more of them ({@code sbom.purls=pkg:maven/a/b@1?type=jar})
     * @return name → value in the order given
     * @throws CliException {@code usage.bad_fact}: no {@code =}, a name or value the service would refuse, a name
     *                      given twice, more than {@value #MAX_FACTS}
     */
    static Map<String, String> facts(List<String> given) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (given == null) {
            return facts;
        }
        if (given.size() > MAX_FACTS) {
            throw badFact("a search takes at most " + MAX_FACTS + " --fact filters, not " + given.size());
        }
        for (String fact : given) {
            int equals = fact.indexOf('=');
            if (equals < 0) {
                throw badFact("--fact must be <name>=<value>, e.g. scan.severity.critical=0: " + shown(fact));
            }
            String name = checkedFactName(fact.substring(0, equals));
            String value = fact.substring(equals + 1);
            if (value.isEmpty() || value.length() > MAX_FACT_VALUE || hasControl(value)) {
                throw badFact("--fact " + shown(name) + ": the value must be 1 to " + MAX_FACT_VALUE
                        + " characters without control characters");
            }
            if (facts.put(name, value) != null) {
                throw badFact("--fact " + shown(name) + " is given more than once (every filter must match, so "
                        + "a fact has one value per search)");
            }
        }
        return Collections.unmodifiableMap(facts);
    }

    private static String checkedFactName(String name) {
        if (name.isEmpty()) {
            throw badFact("--fact needs a fact name before '=', e.g. sbom.format=CycloneDX");
        }
        if (name.length() > MAX_FACT_NAME || hasControl(name)) {
            throw badFact("--fact " + shown(name) + ": the name must be 1 to " + MAX_FACT_NAME
                    + " characters without control characters");
        }
        return name;
    }

    /** @return the page size, 1 to {@value #MAX_PAGE}, or null when not given (the service's default) */
    static Integer limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_PAGE)) {
            throw CliException.usage("usage.bad_limit", "--limit must be a page size from 1 to " + MAX_PAGE + ": "
                    + limit, null);
        }
        return limit;
    }

    /** @return the cap on the records written, at least 1 */
    static int maxRecords(int max) {
        if (max < 1) {
            throw CliException.usage("usage.bad_max_records", "--max-records must be at least 1: " + max, null);
        }
        return max;
    }

    /** @return one of {@link #OUTPUTS} */
    static String output(String output) {
        if (!OUTPUTS.contains(output)) {
            throw CliException.usage("usage.bad_output", "--output must be one of " + String.join(", ", OUTPUTS)
                    + ": " + shown(output), null);
        }
        return output;
    }

    /**
     * Percent-encodes a query parameter name or value (UTF-8). A space becomes {@code %20} rather than {@code +}:
     * both decode to a space under form decoding, and {@code %20} also under plain URI decoding.
     */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** A value as an error message shows it: control characters replaced, at most 80 characters. */
    private static String shown(String text) {
        String visible = text.chars().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return visible.length() <= 80 ? visible : visible.substring(0, 80) + "…";
    }

    private static CliException badFact(String message) {
        return CliException.usage("usage.bad_fact", message, null);
    }
}
