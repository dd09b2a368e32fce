package org.stellaops.attestor.store.tck;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;

/** The meaning of an {@link EntryQuery}, computed in memory over a list of records: what a store must answer. */
public final class SearchOracle {

    /** The search order: createdAt descending, then envelope digest descending. */
    public static final Comparator<EntryRecord> ORDER = Comparator.comparing(EntryRecord::createdAt)
            .thenComparing(EntryRecord::envelopeDigest).reversed();

    private SearchOracle() {
    }

    /**
     * @param records every stored record, of any tenant
     * @param query the query; its limit is ignored, its cursor applied
     * @return every matching record of the query's tenant after the cursor, in search order
     */
    public static List<EntryRecord> search(List<EntryRecord> records, EntryQuery query) {
        EntryCursor cursor = query.cursor() == null ? null : EntryCursor.decode(query.cursor());
        return records.stream()
                .filter(r -> matches(query, r))
                .filter(r -> cursor == null || cursor.precedes(r))
                .sorted(ORDER)
                .toList();
    }

    /**
     * @param query the filters
     * @param r a record
     * @return whether the record belongs to the query's tenant and passes every given filter
     */
    public static boolean matches(EntryQuery query, EntryRecord r) {
        return query.tenant().equals(r.tenant())
                && (query.subjectDigest() == null || hasSubject(r, query.subjectDigest()))
                && (query.predicateType() == null || query.predicateType().equals(r.predicateType()))
                && (query.signerKeyId() == null || r.signerKeyIds().contains(query.signerKeyId()))
                && (query.since() == null || !r.createdAt().isBefore(query.since()))
                && (query.until() == null || r.createdAt().isBefore(query.until()))
                && hasFacts(r.facts(), query.facts());
    }

    /**
     * Spelled out here rather than taken from {@link org.stellaops.attestor.store.FactTerms}, so the suite checks
     * the stores against the contract's words, not against the helper they share: a scalar's string form equals
     * the value, or a list has an element whose string form equals it.
     */
    private static boolean hasFacts(Map<String, Object> facts, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            Object value = facts.get(w.getKey());
            List<?> candidates = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
            if (candidates.stream().noneMatch(c -> w.getValue().equals(text(c)))) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    private static boolean hasSubject(EntryRecord r, String digest) {
        for (Subject s : r.subjects()) {
            for (Digest d : s.digests()) {
                if (d.toString().equals(digest)) {
                    return true;
                }
            }
        }
        return false;
    }
}
