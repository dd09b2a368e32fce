package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A search over one tenant's stored records ({@link EntryStore#search(EntryQuery)}). The tenant is required; every
 * filter is optional (null, or an empty {@code facts}); the filters that are given must all match.
 *
 * @param tenant the tenant whose records are searched
 * @param subjectDigest {@code <algorithm>:<hex>}, e.g. {@code sha256:ab…}; matches a record having a subject with
 *                      that digest (algorithm and lowercase hex value)
 * @param predicateType the exact predicate type URI
 * @param signerKeyId a key id among {@link EntryRecord#signerKeyIds()}
 * @param since {@code createdAt} at or after this instant
 * @param until {@code createdAt} strictly before this instant
 * @param facts fact name → term: matches a record whose derived fact of that name has that term (a scalar whose
 *              string form equals it, or a list containing it; see {@link FactTerms}), for every entry; at most
 *              {@link #MAX_FACTS}, sorted by name; empty for no fact filter
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link EntryPage#nextCursor()} of the previous page, or null for the first page
 * @since 5.1 ({@code facts})
 */
public record EntryQuery(String tenant, String subjectDigest, String predicateType, String signerKeyId, Instant since,
                         Instant until, Map<String, String> facts, int limit, String cursor) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    /** The most fact filters of one search. */
    public static final int MAX_FACTS = 8;

    /**
     * @param tenant a tenant name
     * @param limit must be 1 to {@link #MAX_LIMIT}
     * @param subjectDigest if given, must contain {@code :}
     * @param facts null means none; at most {@link #MAX_FACTS}, each name a {@linkplain FactTerms#isName fact name}
     *              and each value a {@linkplain FactTerms#isValue term}; copied
     * @param cursor if given, a cursor of a search of the same tenant
     * @throws IllegalArgumentException if a value is out of range, or the cursor is malformed or belongs to a search
     *                                  of another tenant
     */
    public EntryQuery {
        if (!Tenants.isName(tenant)) {
            throw new IllegalArgumentException("a search needs a tenant name");
        }
        if (cursor != null && !EntryCursor.decode(cursor).tenant().equals(tenant)) {
            throw new IllegalArgumentException("the cursor belongs to a search of another tenant (pass the "
                    + "nextCursor of this search unchanged)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (subjectDigest != null && subjectDigest.indexOf(':') <= 0) {
            throw new IllegalArgumentException("subject digest must look like <algorithm>:<hex>");
        }
        facts = checkedFacts(facts);
    }

    /**
     * A query without fact filters, as store contract 5.0 had it.
     *
     * @param tenant a tenant name
     * @param subjectDigest {@code <algorithm>:<hex>} or null
     * @param predicateType a predicate type or null
     * @param signerKeyId a key id or null
     * @param since inclusive lower bound of {@code createdAt}, or null
     * @param until exclusive upper bound of {@code createdAt}, or null
     * @param limit the page size
     * @param cursor the previous page's cursor, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public EntryQuery(String tenant, String subjectDigest, String predicateType, String signerKeyId, Instant since,
                      Instant until, int limit, String cursor) {
        this(tenant, subjectDigest, predicateType, signerKeyId, since, until, Map.of(), limit, cursor);
    }

    private static Map<String, String> checkedFacts(Map<String, String> facts) {
        if (facts == null || facts.isEmpty()) {
            return Collections.emptySortedMap();
        }
        if (facts.size() > MAX_FACTS) {
            throw new IllegalArgumentException("a search takes at most " + MAX_FACTS + " fact filters, not "
                    + facts.size());
        }
        SortedMap<String, String> sorted = new TreeMap<>();
        facts.forEach((name, value) -> {
            if (!FactTerms.isName(name)) {
                throw new IllegalArgumentException("a fact name is 1 to " + FactTerms.MAX_NAME_LENGTH
                        + " characters without control characters");
            }
            if (!FactTerms.isValue(value)) {
                throw new IllegalArgumentException("the value of fact " + name + " must be 1 to "
                        + FactTerms.MAX_VALUE_LENGTH + " characters");
            }
            sorted.put(name, value);
        });
        return Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * @param tenant the tenant
     * @param limit the page size
     * @return a query without filters: the tenant's newest records first
     */
    public static EntryQuery all(String tenant, int limit) {
        return new EntryQuery(tenant, null, null, null, null, null, Map.of(), limit, null);
    }

    /**
     * @param nextCursor the cursor of the page just read
     * @return the same query for the next page
     */
    public EntryQuery after(String nextCursor) {
        return new EntryQuery(tenant, subjectDigest, predicateType, signerKeyId, since, until, facts, limit,
                nextCursor);
    }

    /**
     * @param wanted fact name → term, replacing this query's fact filters
     * @return the same query with these fact filters
     * @throws IllegalArgumentException as the canonical constructor
     * @since 5.1
     */
    public EntryQuery withFacts(Map<String, String> wanted) {
        return new EntryQuery(tenant, subjectDigest, predicateType, signerKeyId, since, until, wanted, limit, cursor);
    }
}
