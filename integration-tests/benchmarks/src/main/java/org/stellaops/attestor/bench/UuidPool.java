package org.stellaops.attestor.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The uuids of entries known to exist on the server; grows while a mixed run submits. Thread-safe. */
final class UuidPool {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{64}");

    private final List<String> uuids = new ArrayList<>();

    /**
     * Adds an entry's uuid.
     *
     * @param uuid 64 lowercase hex digits
     * @throws IllegalStateException if the server gave something else
     */
    synchronized void add(String uuid) {
        if (!UUID.matcher(uuid).matches()) {
            throw new IllegalStateException("the server returned an entry uuid that is not 64 hex digits: " + uuid);
        }
        uuids.add(uuid);
    }

    /**
     * @param sequence any number
     * @return the uuid at {@code sequence} modulo the pool size
     * @throws IllegalStateException if the pool is empty
     */
    synchronized String get(long sequence) {
        if (uuids.isEmpty()) {
            throw new IllegalStateException("no entries to verify");
        }
        return uuids.get((int) Math.floorMod(sequence, (long) uuids.size()));
    }

    synchronized int size() {
        return uuids.size();
    }
}
