package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.store.EntryRecord;

/** The rule of {@code replaceIf}: records are append-only except for their publication state. */
final class PublicationState {

    private PublicationState() {
    }

    /**
     * @param expected the version read
     * @param next the version to store
     * @throws IllegalArgumentException naming every part that changed besides status, signatures, logs, receipts
     */
    static void requireOnlyPublicationStateChanges(EntryRecord expected, EntryRecord next) {
        List<String> changed = new ArrayList<>();
        check(changed, "envelopeDigest", expected.envelopeDigest(), next.envelopeDigest());
        check(changed, "uuid", expected.uuid(), next.uuid());
        check(changed, "casDigest", expected.casDigest(), next.casDigest());
        check(changed, "payloadType", expected.payloadType(), next.payloadType());
        check(changed, "statementType", expected.statementType(), next.statementType());
        check(changed, "predicateType", expected.predicateType(), next.predicateType());
        check(changed, "subjects", expected.subjects(), next.subjects());
        check(changed, "signerKeyIds", expected.signerKeyIds(), next.signerKeyIds());
        check(changed, "facts", expected.facts(), next.facts());
        check(changed, "derivedBy", expected.derivedBy(), next.derivedBy());
        check(changed, "createdAt", expected.createdAt(), next.createdAt());
        check(changed, "provenance", expected.provenance(), next.provenance());
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("only the publication state (status, signatures, logs, receipts) of "
                    + "a record may change, not " + String.join(", ", changed));
        }
    }

    private static void check(List<String> changed, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(name);
        }
    }
}
