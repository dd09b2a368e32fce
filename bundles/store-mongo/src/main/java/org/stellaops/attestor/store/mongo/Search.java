package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

/**
 * {@code search}: the tenant and the filters become one query sorted {@code createdAt} descending,
 * {@code envelopeDigest} descending; the tenant and each equality filter lead an index of that order
 * ({@code tenant_subject_created}, {@code tenant_predicate_created}, {@code tenant_signer_created},
 * {@code tenant_facts_created} for a fact {@code {tenant, facts.n, facts.v}}, else {@code tenant_created}), so
 * MongoDB walks the tenant's range of the index from the first match and stops after one page, never reading
 * another tenant's keys. The cursor is a range condition in the same order, so paging costs the
 * same on page 1 and page 1000.
 */
final class Search {

    private final Entries entries;

    Search(Entries entries) {
        this.entries = entries;
    }

    EntryPage search(EntryQuery query) {
        Objects.requireNonNull(query, "query");
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq(Fields.TENANT, query.tenant()));
        if (query.subjectDigest() != null) {
            filters.add(Filters.eq(Fields.SUBJECT_DIGESTS, query.subjectDigest()));
        }
        if (query.predicateType() != null) {
            filters.add(Filters.eq(Fields.PREDICATE_TYPE, query.predicateType()));
        }
        if (query.signerKeyId() != null) {
            filters.add(Filters.eq(Fields.SIGNER_KEY_IDS, query.signerKeyId()));
        }
        // one element must hold both name and term, hence $elemMatch (two plain conditions could match two elements)
        query.facts().forEach((name, term) -> filters.add(Filters.elemMatch(Fields.FACTS,
                Filters.and(Filters.eq(Fields.FACT_NAME, name), Filters.eq(Fields.FACT_TERM, term)))));
        if (query.since() != null) {
            filters.add(Filters.gte(Fields.CREATED_AT, Times.bound(query.since())));
        }
        if (query.until() != null) {
            filters.add(Filters.lt(Fields.CREATED_AT, Times.bound(query.until())));
        }
        if (query.cursor() != null) {
            filters.add(after(EntryCursor.decode(query.cursor())));
        }
        // one more than a page tells whether another page follows, so the last page has no cursor
        List<EntryRecord> found = entries.list("searching records", Filters.and(filters),
                Entries.newestFirstInTenant(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new EntryPage(found, null);
        }
        List<EntryRecord> page = found.subList(0, query.limit());
        return new EntryPage(page, EntryCursor.after(page.get(page.size() - 1)).encode());
    }

    /** Strictly after the cursor in search order: older, or as old with a smaller digest. */
    private static Bson after(EntryCursor cursor) {
        String time = Times.bound(cursor.createdAt());
        return Filters.or(Filters.lt(Fields.CREATED_AT, time),
                Filters.and(Filters.eq(Fields.CREATED_AT, time),
                        Filters.lt(Fields.ENVELOPE_DIGEST, cursor.envelopeDigest())));
    }
}
