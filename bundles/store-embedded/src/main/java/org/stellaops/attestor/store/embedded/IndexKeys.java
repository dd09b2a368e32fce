package org.stellaops.attestor.store.embedded;

import java.time.Instant;
import java.util.Locale;

/**
 * Keys of the search indexes. A key is {@code <value>\0<time>\0<envelope digest>} (the time index has no value
 * part), where {@code <time>} is the creation time as 24 hex digits that sort like the instant (epoch second with
 * the sign bit flipped, then nanoseconds). Keys of one value are therefore contiguous and ordered by creation time,
 * then digest, so walking them backwards gives the search order, and a cursor is just a key to start below.
 * Neither the time nor a digest contains {@code \0}, so the parts are found from the end of the key.
 */
final class IndexKeys {

    /** Separates the parts of a key; sorts below every character a value can continue with. */
    static final char SEPARATOR = '\0';
    /** Sorts above every character of a time, so {@code prefix + END} bounds a value's keys from above. */
    static final char END = '\uffff';

    private IndexKeys() {
    }

    /**
     * @param time an instant
     * @return 24 lowercase hex digits that sort as the instant does
     */
    static String time(Instant time) {
        return String.format(Locale.ROOT, "%016x%08x", time.getEpochSecond() ^ Long.MIN_VALUE, time.getNano());
    }

    /**
     * @param value the indexed value, or null for the time index
     * @return the prefix every key of that value starts with
     */
    static String prefix(String value) {
        return value == null ? "" : value + SEPARATOR;
    }

    /**
     * @param value the indexed value, or null for the time index
     * @param createdAt the record's creation time
     * @param digest the record's envelope digest
     * @return the index key
     */
    static String key(String value, Instant createdAt, String digest) {
        return prefix(value) + time(createdAt) + SEPARATOR + digest;
    }

    /**
     * @param key an index key
     * @return its envelope digest
     */
    static String digest(String key) {
        return key.substring(key.lastIndexOf(SEPARATOR) + 1);
    }

    /**
     * @param key an index key
     * @return its time part
     */
    static String timePart(String key) {
        int end = key.lastIndexOf(SEPARATOR);
        int start = key.lastIndexOf(SEPARATOR, end - 1);
        return key.substring(start + 1, end);
    }

    /**
     * @param key an index key of a value index
     * @return its value
     */
    static String value(String key) {
        int end = key.lastIndexOf(SEPARATOR);
        int start = key.lastIndexOf(SEPARATOR, end - 1);
        return start < 0 ? null : key.substring(0, start);
    }
}
