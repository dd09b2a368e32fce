package org.stellaops.attestor.store.embedded;

import java.util.Objects;
import java.util.function.Function;

import org.stellaops.attestor.store.EntryRecord;

/**
 * What a replacement may change: only the publication state ({@code status}, {@code signatures}, {@code logs},
 * {@code receipts}). Everything else was fixed when the record was created, and the search and uuid indexes rely on
 * it.
 */
final class RecordRules {

    private RecordRules() {
    }

    /**
     * @param expected the version the caller read
     * @param next the replacement
     * @throws IllegalArgumentException naming the first immutable field {@code next} changes
     */
    static void checkReplacement(EntryRecord expected, EntryRecord next) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        same("envelopeDigest", EntryRecord::envelopeDigest, expected, next);
        same("uuid", EntryRecord::uuid, expected, next);
        same("casDigest", EntryRecord::casDigest, expected, next);
        same("payloadType", EntryRecord::payloadType, expected, next);
        same("statementType", EntryRecord::statementType, expected, next);
        same("predicateType", EntryRecord::predicateType, expected, next);
        same("subjects", EntryRecord::subjects, expected, next);
        same("signerKeyIds", EntryRecord::signerKeyIds, expected, next);
        same("facts", EntryRecord::facts, expected, next);
        same("derivedBy", EntryRecord::derivedBy, expected, next);
        same("createdAt", EntryRecord::createdAt, expected, next);
        same("provenance", EntryRecord::provenance, expected, next);
    }

    private static void same(String field, Function<EntryRecord, Object> part, EntryRecord expected,
                             EntryRecord next) {
        if (!Objects.equals(part.apply(expected), part.apply(next))) {
            throw new IllegalArgumentException("a replacement may change only the publication state, not "
                    + field + " (record " + expected.envelopeDigest() + ")");
        }
    }
}
