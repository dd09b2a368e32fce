package org.stellaops.attestor.store.embedded;

import java.nio.charset.StandardCharsets;

/**
 * The form JSON documents take as map values. New values are UTF-8 bytes: MVStore copies a byte array into a page
 * in one call, while it writes and reads a {@code String} one character at a time. Files written before this change
 * hold strings, which are still read, so no migration is needed; a value is rewritten as bytes when it is next
 * replaced.
 */
final class StoredJson {

    private StoredJson() {
    }

    /**
     * @param json a JSON document
     * @return the value to store
     */
    static byte[] encode(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param stored a stored value (bytes, or a string in files of earlier versions), or null
     * @return the JSON document, or null
     * @throws IllegalStateException if the value is of neither form (the file is not one of ours)
     */
    static String decode(Object stored) {
        if (stored == null) {
            return null;
        }
        if (stored instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (stored instanceof String json) {
            return json;
        }
        throw new IllegalStateException("unexpected stored value of type " + stored.getClass().getName());
    }
}
