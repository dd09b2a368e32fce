package org.stellaops.attestor.predicate.policyeval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads digest sets ({@code {"sha256": "<hex>"}}) of any validity: only well-formed members are kept. */
final class DigestSets {

    private static final Pattern LOWER_HEX = Pattern.compile("([0-9a-f]{2})+");

    private DigestSets() {
    }

    /**
     * @param digestSet a member that should hold a digest set
     * @return algorithm (lowercase) → lowercase hex, for each member whose value is lowercase hex; empty for anything
     *         else (the schema reports malformed digests)
     */
    static Map<String, String> read(JsonNode digestSet) {
        Map<String, String> digests = new LinkedHashMap<>();
        if (digestSet.isObject()) {
            digestSet.fields().forEachRemaining(entry -> {
                if (entry.getValue().isTextual() && LOWER_HEX.matcher(entry.getValue().asText()).matches()) {
                    digests.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText());
                }
            });
        }
        return digests;
    }
}
