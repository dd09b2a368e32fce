package org.stellaops.attestor.cli;

import java.time.Instant;
import java.util.Map;

/**
 * The checked filters of one record search, and the query string of each of its pages.
 *
 * @param subject {@code <algorithm>:<lowercase hex>}, or null
 * @param predicateType the predicate type URI, or null
 * @param signer a key id, or null
 * @param since an RFC 3339 date-time (UTC), or null
 * @param until an RFC 3339 date-time (UTC), later than {@code since}, or null
 * @param facts fact name → value, in the order given; empty for none
 * @param limit the page size asked for, or null for the service's default
 */
record SearchQuery(String subject, String predicateType, String signer, String since, String until,
        Map<String, String> facts, Integer limit) {

    SearchQuery {
        facts = facts == null ? Map.of() : facts;
        if (since != null && until != null && !Instant.parse(since).isBefore(Instant.parse(until))) {
            throw CliException.usage("usage.bad_time", "--until must be later than --since (records created at or "
                    + "after --since and before --until)", null);
        }
    }

    /**
     * @param pageLimit the page size of this request, or null for the service's default
     * @param cursor the {@code nextCursor} of the previous page, or null for the first page
     * @return {@code ?name=value&…} with every name and value percent-encoded, or "" without any parameter
     */
    String query(Integer pageLimit, String cursor) {
        StringBuilder query = new StringBuilder();
        add(query, "subject", subject);
        add(query, "predicateType", predicateType);
        add(query, "signer", signer);
        add(query, "since", since);
        add(query, "until", until);
        facts.forEach((name, value) -> add(query, "fact." + name, value));
        add(query, "limit", pageLimit == null ? null : pageLimit.toString());
        add(query, "cursor", cursor);
        return query.toString();
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? '?' : '&').append(SearchArgs.encode(name)).append('=')
                    .append(SearchArgs.encode(value));
        }
    }
}
