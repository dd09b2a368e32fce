package org.stellaops.attestor.store.mongo;

import org.bson.Document;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.Tenants;

/**
 * The {@code audit} document of a chained event: {@code _id} is the sequence number; {@code tenant} is the event's
 * tenant, {@code ""} for operator events. Events written before tenants existed have no {@code tenant} and read as
 * operator events, which keeps their hashes ({@link org.stellaops.attestor.store.AuditChain} leaves an empty tenant
 * out).
 */
final class AuditDocuments {

    private AuditDocuments() {
    }

    static Document chained(ChainedAuditEvent e, String entry) {
        Document doc = new Document(Fields.ID, e.seq())
                .append(Fields.PREVIOUS_HASH, e.previousHash())
                .append(Fields.HASH, e.hash());
        event(e.event()).forEach(doc::append);
        if (entry != null) {
            doc.append(Fields.ENTRY, entry);
        }
        return doc;
    }

    static Document event(AuditEvent event) {
        return new Document(Fields.TIME, Times.encode(event.time()))
                .append(Fields.ACTOR, event.actor())
                .append(Fields.ACTION, event.action())
                .append(Fields.TARGET, event.target())
                .append(Fields.OUTCOME, event.outcome())
                .append(Fields.REMOTE_ADDRESS, event.remoteAddress())
                .append(Fields.DETAIL, event.detail())
                .append(Fields.TENANT, event.tenant());
    }

    static AuditEvent event(Document doc) {
        try {
            return new AuditEvent(Times.decode(doc.getString(Fields.TIME)), doc.getString(Fields.ACTOR),
                    doc.getString(Fields.ACTION), doc.getString(Fields.TARGET), doc.getString(Fields.OUTCOME),
                    doc.getString(Fields.REMOTE_ADDRESS), doc.getString(Fields.DETAIL),
                    doc.get(Fields.TENANT, Tenants.OPERATOR));
        } catch (RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT, "stored audit event " + doc.get(Fields.ID)
                    + " cannot be read back", e);
        }
    }

    static ChainedAuditEvent chained(Document doc) {
        AuditEvent event = event(doc);
        try {
            Number seq = (Number) doc.get(Fields.ID);
            return new ChainedAuditEvent(seq.longValue(), doc.getString(Fields.PREVIOUS_HASH),
                    doc.getString(Fields.HASH), event);
        } catch (RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT, "stored audit event " + doc.get(Fields.ID)
                    + " has no valid place in the chain", e);
        }
    }
}
