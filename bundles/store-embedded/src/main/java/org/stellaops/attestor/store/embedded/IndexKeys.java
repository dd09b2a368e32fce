package org.stellaops.attestor.store.embedded;

import java.time.Instant;
import java.util.Locale;

/**
 * Keys of the maps, all of them starting with the tenant. A record is {@code <tenant>\0<envelope digest>}, a uuid
 * lookup {@code <tenant>\0<uuid>}, a trusted key {@code <tenant>\0<key id>}. A search index key is
 * {@code <tenant>\0<value>\0<time>\0<envelope digest>} (the time index has no value part), where {@code <time>} is
 * the creation time as 24 hex digits that sort like the instant (epoch second with the sign bit flipped, then
 * nanoseconds). A tenant name never contains {@code \0} (see {@link org.stellaops.attestor.store.Tenants}), so a
 * tenant's keys are exactly the keys from {@code <tenant>\0} (inclusive) to {@code <tenant>\1} (exclusive): one
 * contiguous range, which no other tenant's key enters, not even that of a tenant whose name extends this one's.
 * Keys of one value are contiguous and ordered by creation time, then digest, so walking them backwards gives the
 * search order, and a cursor is just a key to start below. Neither the time nor a digest contains {@code \0}, so
 * the parts after the tenant are found from the end of the key.
 */
final class IndexKeys {

    /** Separates the parts of a key; sorts below every character a value can continue with. */
    static final char SEPARATOR = '\0';
    /** Sorts above every character of a time, so {@code prefix + END} bounds a value's keys from above. */
    static final char END = '\uffff';
    /** The character after {@link #SEPARATOR}: {@code <tenant>\1} is the exclusive upper bound of a tenant's keys. */
    private static final char AFTER_SEPARATOR = '\u0001';

    private IndexKeys() {
    }

    /**
     * @param tenant a tenant
     * @param id an envelope digest, uuid or key id
     * @return the key of that id within the tenant
     */
    static String scoped(String tenant, String id) {
        return tenant + SEPARATOR + id;
    }

    /**
     * @param tenant a tenant
     * @return the smallest key of the tenant's range (itself not a key)
     */
    static String tenantLow(String tenant) {
        return tenant + SEPARATOR;
    }

    /**
     * @param tenant a tenant
     * @return the exclusive upper bound of the tenant's range
     */
    static String tenantHigh(String tenant) {
        return tenant + AFTER_SEPARATOR;
    }

    /**
     * @param scopedKey a key made by {@link #scoped}
     * @return its tenant
     */
    static String tenant(String scopedKey) {
        return scopedKey.substring(0, scopedKey.indexOf(SEPARATOR));
    }

    /**
     * @param scopedKey a key made by {@link #scoped}
     * @return its id
     */
    static String id(String scopedKey) {
        return scopedKey.substring(scopedKey.indexOf(SEPARATOR) + 1);
    }

    /**
     * @param sequence a non-negative sequence number
     * @return 16 lowercase hex digits that sort as the number does
     */
    static String sequence(long sequence) {
        return String.format(Locale.ROOT, "%016x", sequence);
    }

    /**
     * @param time an instant
     * @return 24 lowercase hex digits that sort as the instant does
     */
    static String time(Instant time) {
        return String.format(Locale.ROOT, "%016x%08x", time.getEpochSecond() ^ Long.MIN_VALUE, time.getNano());
    }

    /**
     * @param tenant the tenant
     * @param value the indexed value, or null for the time index
     * @return the prefix every key of that value of the tenant starts with
     */
    static String prefix(String tenant, String value) {
        return tenant + SEPARATOR + (value == null ? "" : value + SEPARATOR);
    }

    /**
     * @param tenant the record's tenant
     * @param value the indexed value, or null for the time index
     * @param createdAt the record's creation time
     * @param digest the record's envelope digest
     * @return the index key
     */
    static String key(String tenant, String value, Instant createdAt, String digest) {
        return prefix(tenant, value) + time(createdAt) + SEPARATOR + digest;
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
     * @param key an index key
     * @return its value, or null for a key of the time index
     */
    static String value(String key) {
        int afterTenant = key.indexOf(SEPARATOR);
        int end = key.lastIndexOf(SEPARATOR);
        int start = key.lastIndexOf(SEPARATOR, end - 1);
        return start <= afterTenant ? null : key.substring(afterTenant + 1, start);
    }
}
