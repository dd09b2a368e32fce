package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;

/**
 * The body of an {@code entries} document: the record in the JSON form every store shares ({@link RecordJson},
 * which also reads store-embedded's older format, for imports), checked against the document's id on the way back.
 */
final class JsonCodec {

    private final RecordJson json = new RecordJson();

    String write(EntryRecord record) {
        return json.write(record);
    }

    EntryRecord read(String text, String id) {
        EntryRecord record;
        try {
            record = json.readRecord(text);
        } catch (StorageException e) {
            throw new StorageException(StorageException.CORRUPT, "stored record " + id + " cannot be read back", e);
        }
        if (!record.envelopeDigest().equals(id)) {
            throw new StorageException(StorageException.CORRUPT, "the record stored under " + id
                    + " holds envelope " + record.envelopeDigest(), null);
        }
        return record;
    }
}
