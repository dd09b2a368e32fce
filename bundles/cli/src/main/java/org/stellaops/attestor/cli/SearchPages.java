package org.stellaops.attestor.cli;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the pages of a record search: one page, or with {@code --all} every page by following {@code nextCursor},
 * never more than a cap of records in all. Each request asks for no more records than still fit under the cap, so
 * the cap always falls on a page boundary and the last {@code nextCursor} continues exactly where the output stops.
 */
final class SearchPages {

    /**
     * What a search read.
     *
     * @param records the records, newest first, as the service gave them
     * @param nextCursor where a further search would continue ({@code --cursor}), or null when nothing more matches
     * @param capped whether the cap stopped the reading while a further page may hold more records
     */
    record Result(List<JsonNode> records, String nextCursor, boolean capped) {
    }

    private SearchPages() {
    }

    /**
     * @param client the client
     * @param query the checked filters
     * @param cursor where to start ({@code --cursor}), or null for the newest records
     * @param all whether to follow {@code nextCursor} to the end
     * @param maxRecords the most records to read in all, at least 1
     * @return the records read and where to continue
     * @throws CliException whatever the client throws for a refused or failed request (nothing is kept then), and
     *                      {@code response.malformed} (exit 3) for an answer that is not a search page
     */
    static Result read(AttestorClient client, SearchQuery query, String cursor, boolean all, int maxRecords) {
        List<JsonNode> records = new ArrayList<>();
        String next = cursor;
        do {
            Integer pageLimit = pageLimit(query.limit(), maxRecords - records.size());
            String parameters = query.query(pageLimit, next);
            String what = "GET " + AttestorClient.SEARCH_PATH + parameters;
            JsonNode page = client.searchEntries(parameters);
            JsonNode entries = entries(page, pageLimit == null ? SearchArgs.DEFAULT_PAGE : pageLimit, what);
            entries.forEach(records::add);
            // as the core's own readers do: an empty page ends the search whatever cursor it carries
            next = entries.isEmpty() ? null : nextCursor(page, what);
        } while (all && next != null && records.size() < maxRecords);
        return new Result(List.copyOf(records), next, next != null && records.size() >= maxRecords);
    }

    /** @return the page size to ask for: the chosen one (null: the service's default) unless fewer still fit */
    static Integer pageLimit(Integer limit, int remaining) {
        int size = limit == null ? SearchArgs.DEFAULT_PAGE : limit;
        return remaining < size ? Integer.valueOf(remaining) : limit;
    }

    private static JsonNode entries(JsonNode page, int asked, String what) {
        JsonNode entries = page.path("entries");
        if (!page.isObject() || !entries.isArray()) {
            throw malformed(what, "it has no \"entries\" array");
        }
        if (entries.size() > asked) {
            throw malformed(what, "it holds " + entries.size() + " records for a page of at most " + asked);
        }
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw malformed(what, "an element of \"entries\" is not a record object");
            }
        }
        return entries;
    }

    private static String nextCursor(JsonNode page, String what) {
        JsonNode next = page.path("nextCursor");
        if (next.isMissingNode() || next.isNull()) {
            return null;
        }
        if (!next.isTextual() || next.asText().isEmpty()) {
            throw malformed(what, "its \"nextCursor\" is neither null nor a cursor");
        }
        return next.asText();
    }

    private static CliException malformed(String what, String why) {
        return new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                "the service's answer to " + what + " is not a page of records: " + why);
    }
}
