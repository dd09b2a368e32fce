package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads in-toto digest sets ({@code {"sha256": "<hex>"}}) in predicates of any validity: only well-formed members
 * (lowercase hex of whole bytes) are kept; the schema reports malformed ones.
 *
 * @since 1.1
 */
public final class DigestSets {

    private static final Pattern LOWER_HEX = Pattern.compile("([0-9a-f]{2})+");

    private DigestSets() {
    }

    /**
     * @param digestSet a member that should hold a digest set, or null
     * @return algorithm (lowercase) → hex, for each member whose value is lowercase hex; empty for anything else
     */
    public static Map<String, String> read(JsonNode digestSet) {
        Map<String, String> digests = new LinkedHashMap<>();
        if (digestSet != null && digestSet.isObject()) {
            digestSet.properties().forEach(entry -> {
                if (entry.getValue().isTextual() && LOWER_HEX.matcher(entry.getValue().asText()).matches()) {
                    digests.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText());
                }
            });
        }
        return digests;
    }

    /**
     * @param digestSet a member that should hold the digest set of one artifact
     * @param pointer the digest set's pointer in the statement
     * @param artifact the artifact's number among those the predicate describes
     * @param label how the artifact is named in messages
     * @return one claim per well-formed member, at {@code <pointer>/<algorithm>}
     */
    public static List<DigestClaim> claims(JsonNode digestSet, String pointer, int artifact, String label) {
        List<DigestClaim> claims = new ArrayList<>();
        read(digestSet).forEach((algorithm, hex) -> claims.add(new DigestClaim(Pointers.append(pointer, algorithm),
                algorithm, hex, artifact, label)));
        return claims;
    }
}
