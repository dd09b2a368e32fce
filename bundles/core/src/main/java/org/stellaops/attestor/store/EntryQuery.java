package org.stellaops.attestor.store;

import java.time.Instant;

/**
 * A search over one tenant's stored records ({@link EntryStore#search(EntryQuery)}). The tenant is required; every
 * filter is optional (null); the filters that are given must all match.
 *
 * @param tenant the tenant whose records are searched
 * @param subjectDigest {@code <algorithm>:<hex>}, e.g. {@code sha256:ab…}; matches a record having a subject with
 *                      that digest (algorithm and lowercase hex value)
 * @param predicateType the exact predicate type URI
 * @param signerKeyId a key id among {@link EntryRecord#signerKeyIds()}
 * @param since {@code createdAt} at or after this instant
 * @param until {@code createdAt} strictly before this instant
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@link EntryPage#nextCursor()} of the previous page, or null for the first page
 */
public record EntryQuery(String tenant, String subjectDigest, String predicateType, String signerKeyId, Instant since,
                         Instant until, int limit, String cursor) {

    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /**
     * @param tenant a tenant name
     * @param limit must be 1 to {@link #MAX_LIMIT}
     * @param subjectDigest if given, must contain {@code :}
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
    }

    /**
     * @param tenant the tenant
     * @param limit the page size
     * @return a query without filters: the tenant's newest records first
     */
    public static EntryQuery all(String tenant, int limit) {
        return new EntryQuery(tenant, null, null, null, null, null, limit, null);
    }

    /**
     * @param nextCursor the cursor of the page just read
     * @return the same query for the next page
     */
    public EntryQuery after(String nextCursor) {
        return new EntryQuery(tenant, subjectDigest, predicateType, signerKeyId, since, until, limit, nextCursor);
    }
}
