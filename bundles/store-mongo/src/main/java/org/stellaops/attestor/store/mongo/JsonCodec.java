package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.RecordJson;

/**
 * The body of an {@code entries} document: the record in the JSON form every store shares ({@link RecordJson},
 * which also reads store-embedded's older format, for imports); {@link EntryDocuments} checks it against the
 * document's id.
 */
final class JsonCodec {

    private final RecordJson json = new RecordJson();

    String write(EntryRecord record) {
        return json.write(record);
    }

    EntryRecord read(String text, String id) {
        try {
            return json.readRecord(text);
        } catch (StorageException e) {
            throw new StorageException(StorageException.CORRUPT, "stored record " + id + " cannot be read back", e);
        }
    }
}
