package org.stellaops.attestor.core.internal;

import java.util.Optional;

import org.stellaops.attestor.cas.ContentStore;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;

/** Finds records by either kind of id and reads their archived envelope. */
final class RecordLookup {

    private final EntryStore entries;
    private final ContentStore cas;

    RecordLookup(EntryStore entries, ContentStore cas) {
        this.entries = entries;
        this.cas = cas;
    }

    /** @return the tenant's record with that id; another tenant's record is not found, exactly like none */
    Optional<EntryRecord> find(String tenant, Ids.Id id) {
        if (id instanceof Ids.Uuid uuid) {
            return entries.byUuid(tenant, uuid.hex());
        }
        return entries.byEnvelopeDigest(tenant, ((Ids.EnvelopeDigest) id).digest());
    }

    /** @throws StorageException {@code storage.corrupt} if the archive lost the envelope */
    byte[] envelopeBytes(EntryRecord record) {
        return cas.get(record.casDigest()).orElseThrow(() -> new StorageException(StorageException.CORRUPT,
                "the archived envelope of " + record.envelopeDigest() + " is missing", null));
    }

    /** @return the stable code of a failure: the AttestorException or StorageException code, else a generic one */
    static String codeOf(RuntimeException e) {
        if (e instanceof org.stellaops.attestor.sdk.AttestorException a) {
            return a.code();
        }
        return e instanceof StorageException s ? s.code() : CoreCodes.INTERNAL;
    }

    static String canonical(Ids.Id id) {
        return id instanceof Ids.Uuid uuid ? uuid.hex() : ((Ids.EnvelopeDigest) id).digest();
    }
}
