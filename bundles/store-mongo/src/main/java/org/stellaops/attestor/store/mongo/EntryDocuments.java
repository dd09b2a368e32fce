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
 * The {@code entries} document of a record: {@code _id} {@code <tenant>|<envelope digest>} (see {@link Ids}), the
 * body (the record's deterministic JSON) plus the fields derived from it that queries and indexes need, the tenant
 * and envelope digest first, the fact terms as {@code facts: [{n, v}, …]}. Derived fields are always recomputed
 * from the body, never edited on their own.
 */
final class EntryDocuments {

    private final JsonCodec json = new JsonCodec();

    /** @return a new document at revision 1, without lease */
    Document create(EntryRecord record) {
        return create(record, 1L);
    }

    /** @return a new document at the given revision, without lease */
    Document create(EntryRecord record, long rev) {
        Document doc = new Document(Fields.ID, id(record)).append(Fields.REV, rev);
        derived(record).forEach(doc::append);
        return doc.append(Fields.BODY, json.write(record));
    }

    /** @return the {@code _id} of the record's document: {@code <tenant>|<envelope digest>} */
    static String id(EntryRecord record) {
        return Ids.of(record.tenant(), record.envelopeDigest());
    }

    /** @return the fields to {@code $set} when a record changes or is re-derived from its body */
    Document derived(EntryRecord record) {
        return new Document(Fields.TENANT, record.tenant())
                .append(Fields.ENVELOPE_DIGEST, record.envelopeDigest())
                .append(Fields.UUIDS, new ArrayList<>(record.lookupUuids()))
                .append(Fields.SUBJECT_DIGESTS, record.subjectDigests())
                .append(Fields.PREDICATE_TYPE, record.predicateType())
                .append(Fields.SIGNER_KEY_IDS, record.signerKeyIds())
                .append(Fields.FACTS, facts(record))
                .append(Fields.CREATED_AT, Times.encode(record.createdAt()))
                .append(Fields.STATUS, record.status());
    }

    /**
     * @return one {@code {n, v}} pair per fact term ({@link EntryRecord#factTerms()}), by name then term; empty for a
     *         record without searchable facts, so that a document with the field is known to be indexed
     */
    static List<Document> facts(EntryRecord record) {
        List<Document> pairs = new ArrayList<>();
        record.factTerms().forEach((name, terms) -> terms.forEach(term ->
                pairs.add(new Document(Fields.FACT_NAME, name).append(Fields.FACT_TERM, term))));
        return pairs;
    }

    /** @return the body field of a changed record */
    String body(EntryRecord record) {
        return json.write(record);
    }

    /** @return the record of a document, checked against its {@code _id} */
    EntryRecord record(Document doc) {
        String id = String.valueOf(doc.get(Fields.ID));
        EntryRecord record = json.read(body(doc, id), id);
        if (!id(record).equals(id)) {
            throw new StorageException(StorageException.CORRUPT, "the record stored under " + id
                    + " belongs to " + id(record), null);
        }
        return record;
    }

    /**
     * @return the record of a document written before tenants existed, whose {@code _id} is the bare envelope
     *         digest (or, for a record imported as {@code {_id, body}}, the current id)
     */
    EntryRecord legacyRecord(Document doc) {
        String id = String.valueOf(doc.get(Fields.ID));
        EntryRecord record = json.read(body(doc, id), id);
        if (!record.envelopeDigest().equals(id) && !id(record).equals(id)) {
            throw new StorageException(StorageException.CORRUPT, "the record stored under " + id
                    + " holds envelope " + record.envelopeDigest(), null);
        }
        return record;
    }

    private static String body(Document doc, String id) {
        if (!(doc.get(Fields.BODY) instanceof String text)) {
            throw new StorageException(StorageException.CORRUPT, "stored record " + id + " has no body", null);
        }
        return text;
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
