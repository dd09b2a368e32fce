package org.stellaops.attestor.store.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * The {@code entries} document of a record: the body (the record's deterministic JSON) plus the fields derived from
 * it that queries and indexes need. Derived fields are always recomputed from the body, never edited on their own.
 */
final class EntryDocuments {

    private final JsonCodec json = new JsonCodec();

    /** @return a new document at revision 1, without lease */
    Document create(EntryRecord record) {
        Document doc = new Document(Fields.ID, record.envelopeDigest()).append(Fields.REV, 1L);
        derived(record).forEach(doc::append);
        return doc.append(Fields.BODY, json.write(record));
    }

    /** @return the fields to {@code $set} when a record changes or is re-derived from its body */
    Document derived(EntryRecord record) {
        return new Document(Fields.UUIDS, new ArrayList<>(record.lookupUuids()))
                .append(Fields.SUBJECT_DIGESTS, record.subjectDigests())
                .append(Fields.PREDICATE_TYPE, record.predicateType())
                .append(Fields.SIGNER_KEY_IDS, record.signerKeyIds())
                .append(Fields.CREATED_AT, Times.encode(record.createdAt()))
                .append(Fields.STATUS, record.status());
    }

    /** @return the body field of a changed record */
    String body(EntryRecord record) {
        return json.write(record);
    }

    EntryRecord record(Document doc) {
        Object body = doc.get(Fields.BODY);
        String id = String.valueOf(doc.get(Fields.ID));
        if (!(body instanceof String text)) {
            throw new StorageException(StorageException.CORRUPT, "stored record " + id + " has no body", null);
        }
        return json.read(text, id);
    }

    static long rev(Document doc) {
        Object rev = doc.get(Fields.REV);
        return rev instanceof Number n ? n.longValue() : 0;
    }

    /** The creation event kept on a record until it is in the audit trail. */
    static Document pendingAudit(AuditEvent event, Instant since) {
        return new Document("since", Times.bound(since)).append("event", AuditDocuments.event(event));
    }

    static AuditEvent pendingEvent(Document doc) {
        Document marker = doc.get(Fields.PENDING_AUDIT, Document.class);
        return AuditDocuments.event(marker.get("event", Document.class));
    }
}
