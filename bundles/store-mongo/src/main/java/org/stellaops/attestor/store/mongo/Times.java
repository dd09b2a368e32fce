package org.stellaops.attestor.store.mongo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as fixed-width UTC text with nine fraction digits ({@code 2026-03-01T12:00:00.123456000Z}): readable in
 * any MongoDB tool, exact to the nanosecond (a BSON date keeps milliseconds only, which would break the search order
 * and cursors), and ordered the same way as text and as time, so range conditions and index order work on it.
 */
final class Times {

    /** The earliest encodable instant (fixed width needs a four-digit year). */
    static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    /** The latest encodable instant. */
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Times() {
    }

    /**
     * @param instant a stored time
     * @return its text form
     * @throws IllegalArgumentException if it is outside years 0000–9999
     */
    static String encode(Instant instant) {
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("cannot store an instant outside years 0000-9999: " + instant);
        }
        return FORMAT.format(instant);
    }

    /** A query bound or lease end: instants beyond the encodable range act as the range's ends. */
    static String bound(Instant instant) {
        return encode(instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant);
    }

    /** @return now + ttl, saturated instead of overflowing */
    static String plus(Instant now, java.time.Duration ttl) {
        Instant end = ttl.compareTo(java.time.Duration.between(now, MAX)) >= 0 ? MAX : now.plus(ttl);
        return bound(end);
    }

    static Instant decode(String text) {
        return Instant.parse(text);
    }
}
