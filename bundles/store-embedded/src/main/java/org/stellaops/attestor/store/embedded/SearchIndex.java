package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.EntryPage;
import org.stellaops.attestor.store.EntryQuery;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.FactTerms;

/**
 * The search indexes, five maps of {@link IndexKeys} with empty values: {@code search.time} (every record),
 * {@code search.subject} (one key per distinct subject digest {@code alg:hex}), {@code search.signer} (one per signer
 * key id), {@code search.predicate} and {@code search.fact} (one per fact term, {@link FactTerms}: the value part is
 * {@code <fact name>\0<term>}). Every key starts with the record's tenant, so a search reads only its tenant's range
 * of an index. The searched fields never change after creation, so keys are only ever added, in the same mutation
 * (and commit) as their record. A fact name never contains {@code \0} (it has no control characters), so the first
 * {@code \0} after the tenant ends the name, and a term that itself contains {@code \0} is told apart like any
 * value that does ({@link Range#holds}).
 *
 * <p>A search counts, in O(log n) each (the maps are counted B-trees), how many keys every given filter has inside
 * the time window, walks the smallest of those ranges backwards from the cursor, and checks the other filters by
 * looking their keys up; only matching records are read and decoded. Without a subject, signer, predicate or fact
 * filter it walks the time index.
 */
final class SearchIndex {

    /** The names of the index maps. */
    static final List<String> MAPS = List.of("search.time", "search.subject", "search.signer", "search.predicate",
            "search.fact");

    private static final String EMPTY = "";

    private final StoreFile file;
    private final MVMap<String, String> byTime;
    private final MVMap<String, String> bySubject;
    private final MVMap<String, String> bySigner;
    private final MVMap<String, String> byPredicate;
    private final MVMap<String, String> byFact;

    /**
     * @param file the store file
     * @param mapPrefix prepended to every map name (empty, except while a migration builds new maps)
     */
    SearchIndex(StoreFile file, String mapPrefix) {
        this.file = file;
        this.byTime = file.map(mapPrefix + MAPS.get(0));
        this.bySubject = file.map(mapPrefix + MAPS.get(1));
        this.bySigner = file.map(mapPrefix + MAPS.get(2));
        this.byPredicate = file.map(mapPrefix + MAPS.get(3));
        this.byFact = file.map(mapPrefix + MAPS.get(4));
    }

    /** Adds a record's keys; runs inside the mutation that stores the record. Adding twice changes nothing. */
    void add(EntryRecord record) {
        String digest = record.envelopeDigest();
        String tenant = record.tenant();
        byTime.put(IndexKeys.key(tenant, null, record.createdAt(), digest), EMPTY);
        for (String subject : record.subjectDigests()) {
            bySubject.put(IndexKeys.key(tenant, subject, record.createdAt(), digest), EMPTY);
        }
        for (String signer : record.signerKeyIds()) {
            bySigner.put(IndexKeys.key(tenant, signer, record.createdAt(), digest), EMPTY);
        }
        byPredicate.put(IndexKeys.key(tenant, record.predicateType(), record.createdAt(), digest), EMPTY);
        addFacts(record);
    }

    /**
     * Adds the keys of a record's fact terms only (the fact index of a file written before it existed); runs
     * inside a mutation. Adding twice changes nothing.
     */
    void addFacts(EntryRecord record) {
        record.factTerms().forEach((name, terms) -> terms.forEach(term -> byFact.put(
                IndexKeys.key(record.tenant(), factValue(name, term), record.createdAt(), record.envelopeDigest()),
                EMPTY)));
    }

    /** The value part of a fact key: the name, the separator, the term. */
    static String factValue(String name, String term) {
        return name + IndexKeys.SEPARATOR + term;
    }

    /**
     * @param query the search
     * @param load reads a record of the query's tenant by envelope digest, null if absent
     * @return one page
     * @throws IllegalArgumentException if the cursor is malformed
     */
    EntryPage search(EntryQuery query, Function<String, EntryRecord> load) {
        EntryCursor after = query.cursor() == null ? null : EntryCursor.decode(query.cursor());
        return file.guard(() -> {
            List<Range> ranges = ranges(query, after);
            Range walked = cheapest(ranges);
            List<Range> checked = new ArrayList<>(ranges);
            checked.remove(walked);
            return walk(walked, checked, query.limit(), load);
        });
    }

    /**
     * The plan of a search, like a database's EXPLAIN.
     *
     * @param query the search
     * @return the name of the index map the search walks and how many of its keys lie in the walked range
     */
    Plan explain(EntryQuery query) {
        EntryCursor after = query.cursor() == null ? null : EntryCursor.decode(query.cursor());
        return file.guard(() -> {
            Range walked = cheapest(ranges(query, after));
            return new Plan(walked.map.getName(), walked.count());
        });
    }

    /**
     * @param index the walked index map
     * @param keys the keys in its range: the most a search reads, before it reaches its limit
     */
    record Plan(String index, long keys) {
    }

    private static Range cheapest(List<Range> ranges) {
        return ranges.stream().min(Comparator.comparingLong(Range::count)).orElseThrow();
    }

    private List<Range> ranges(EntryQuery query, EntryCursor after) {
        List<Range> ranges = new ArrayList<>();
        if (query.subjectDigest() != null) {
            ranges.add(new Range(bySubject, query.subjectDigest(), query, after));
        }
        if (query.signerKeyId() != null) {
            ranges.add(new Range(bySigner, query.signerKeyId(), query, after));
        }
        if (query.predicateType() != null) {
            ranges.add(new Range(byPredicate, query.predicateType(), query, after));
        }
        query.facts().forEach((name, term) -> ranges.add(new Range(byFact, factValue(name, term), query, after)));
        if (ranges.isEmpty()) {
            ranges.add(new Range(byTime, null, query, after));
        }
        return ranges;
    }

    private static EntryPage walk(Range range, List<Range> checked, int limit, Function<String, EntryRecord> load) {
        List<EntryRecord> found = new ArrayList<>();
        String start = range.map.lowerKey(range.high);
        if (start == null || start.compareTo(range.low) < 0) {
            return new EntryPage(found, null);
        }
        Cursor<String, String> keys = range.map.cursor(start, range.low, true);
        while (keys.hasNext()) {
            if (found.size() == limit) {
                return new EntryPage(found, EntryCursor.after(found.get(limit - 1)).encode());
            }
            String key = keys.next();
            if (!range.holds(key)) {
                continue;
            }
            String digest = IndexKeys.digest(key);
            String time = IndexKeys.timePart(key);
            if (checked.stream().allMatch(r -> r.contains(time, digest))) {
                EntryRecord record = load.apply(digest);
                // an index key can be visible a moment before its record is
                if (record != null) {
                    found.add(record);
                }
            }
        }
        return new EntryPage(found, null);
    }

    /** The keys of one filter value of the query's tenant inside the query's time window, below the cursor. */
    private static final class Range {
        private final MVMap<String, String> map;
        private final String value;
        private final String prefix;
        /** Inclusive lower bound (not itself a key). */
        private final String low;
        /** Exclusive upper bound. */
        private final String high;

        Range(MVMap<String, String> map, String value, EntryQuery query, EntryCursor after) {
            this.map = map;
            this.value = value;
            this.prefix = IndexKeys.prefix(query.tenant(), value);
            this.low = prefix + (query.since() == null ? EMPTY : IndexKeys.time(query.since()));
            String untilBound = prefix + (query.until() == null ? String.valueOf(IndexKeys.END)
                    : IndexKeys.time(query.until()));
            String cursorBound = after == null ? untilBound
                    : IndexKeys.key(query.tenant(), value, after.createdAt(), after.envelopeDigest());
            this.high = cursorBound.compareTo(untilBound) < 0 ? cursorBound : untilBound;
        }

        /** @return how many keys lie in the range, in O(log n) */
        long count() {
            return Math.max(0, position(high) - position(low));
        }

        private long position(String key) {
            long index = map.getKeyIndex(key);
            return index >= 0 ? index : -index - 1;
        }

        /** A value that itself contains the separator could put foreign keys inside the range; skip those. */
        boolean holds(String key) {
            return value == null || value.equals(IndexKeys.value(key));
        }

        boolean contains(String time, String digest) {
            return map.containsKey(prefix + time + IndexKeys.SEPARATOR + digest);
        }
    }
}
