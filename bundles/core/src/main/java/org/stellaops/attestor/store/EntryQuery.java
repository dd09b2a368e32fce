package org.stellaops.attestor.store;

import java.time.Instant;

/**
 * A search over stored records ({@link EntryStore#search(EntryQuery)}). Every filter is optional (null); the
 * filters that are given must all match.
 *
 * @param subjectDigest {@code <algorithm>:<hex>}, e.g. {@code sha256:ab…}; matches a record having a subject with
 *                      that digest (algorithm and lowercase hex value)
 * @param predicateType the exact predicate type URI
 * @param signerKeyId a key id among {@link EntryRecord#signerKeyIds()}
 * @param since {@code createdAt} at or after this instant
 * @param until {@code createdAt} strictly before this instant
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link EntryPage#nextCursor()} of the previous page, or null for the first page
 */
public record EntryQuery(String subjectDigest, String predicateType, String signerKeyId, Instant since,
                         Instant until, int limit, String cursor) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @param limit must be 1 to {@link #MAX_LIMIT}
     * @param subjectDigest if given, must contain {@code :}
     */
    public EntryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (subjectDigest != null && subjectDigest.indexOf(':') <= 0) {
            throw new IllegalArgumentException("subject digest must look like <algorithm>:<hex>");
        }
    }

    /**
     * @param limit the page size
     * @return a query without filters: the newest records first
     */
    public static EntryQuery all(int limit) {
        return new EntryQuery(null, null, null, null, null, limit, null);
    }

    /**
     * @param nextCursor the cursor of the page just read
     * @return the same query for the next page
     */
    public EntryQuery after(String nextCursor) {
        return new EntryQuery(subjectDigest, predicateType, signerKeyId, since, until, limit, nextCursor);
    }
}
