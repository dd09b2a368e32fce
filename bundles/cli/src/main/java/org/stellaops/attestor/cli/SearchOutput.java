package org.stellaops.attestor.cli;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The three forms of {@code stella attest search} output. Each ends every line with a newline; an empty result is
 * {@code no records} in the table, an empty list in JSON and no line at all in NDJSON.
 */
final class SearchOutput {

    /** Shown for a member a record lacks, so that the columns stay in place. */
    static final String ABSENT = "-";

    private SearchOutput() {
    }

    /**
     * @param format one of {@link SearchArgs#OUTPUTS}
     * @param result what the search read
     * @return the text to write
     */
    static String render(String format, SearchPages.Result result) {
        return switch (format) {
            case "json" -> json(result.records(), result.nextCursor());
            case "ndjson" -> ndjson(result.records());
            default -> table(result.records());
        };
    }

    /** One line per record: {@code <uuid>  <createdAt>  <predicateType>  <status>  <alg:hex>[,<alg:hex>…]}. */
    static String table(List<JsonNode> records) {
        if (records.isEmpty()) {
            return "no records\n";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode record : records) {
            text.append(line(record)).append('\n');
        }
        return text.toString();
    }

    static String line(JsonNode record) {
        return member(record, "uuid") + "  " + member(record, "createdAt") + "  " + member(record, "predicateType")
                + "  " + member(record, "status") + "  " + digests(record.path("subjects"));
    }

    /** Every digest of every subject, in the record's order, comma-separated. */
    static String digests(JsonNode subjects) {
        StringBuilder digests = new StringBuilder();
        for (JsonNode subject : subjects) {
            for (Map.Entry<String, JsonNode> digest : subject.path("digest").properties()) {
                digests.append(digests.isEmpty() ? "" : ",").append(digest.getKey()).append(':')
                        .append(digest.getValue().asText());
            }
        }
        return digests.isEmpty() ? ABSENT : digests.toString();
    }

    /** The pages merged into the service's own page shape: {@code {"entries":[…],"nextCursor":…}}, pretty-printed. */
    static String json(List<JsonNode> records, String nextCursor) {
        ObjectNode merged = StrictJson.mapper().createObjectNode();
        ArrayNode entries = merged.putArray("entries");
        records.forEach(entries::add);
        merged.put("nextCursor", nextCursor);
        try {
            return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** One record per line, compact. */
    static String ndjson(List<JsonNode> records) {
        StringBuilder text = new StringBuilder();
        for (JsonNode record : records) {
            try {
                text.append(StrictJson.mapper().writeValueAsString(record)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
        }
        return text.toString();
    }

    private static String member(JsonNode record, String name) {
        JsonNode value = record.path(name);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : ABSENT;
    }
}
