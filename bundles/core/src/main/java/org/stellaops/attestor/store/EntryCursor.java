package org.stellaops.attestor.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The position after the last record of a search page: the (createdAt, envelope digest) of that record. Every store
 * encodes it the same way, so a cursor stays valid when a deployment moves from one store to another, and the API can
 * refuse a malformed cursor before a store sees it. Encoded as base64url (no padding) of
 * {@code <epochSecond>.<nano>|<envelopeDigest>}.
 *
 * @param createdAt the last record's creation time
 * @param envelopeDigest the last record's envelope digest
 */
public record EntryCursor(Instant createdAt, String envelopeDigest) {

    /**
     * @param createdAt not null
     * @param envelopeDigest not null
     */
    public EntryCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    }

    /**
     * @param record the last record of a page
     * @return the cursor after it
     */
    public static EntryCursor after(EntryRecord record) {
        return new EntryCursor(record.createdAt(), record.envelopeDigest());
    }

    /** @return the opaque text form */
    public String encode() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + envelopeDigest;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param cursor the text form
     * @return the cursor
     * @throws IllegalArgumentException if it is not one this class wrote
     */
    public static EntryCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            int dot = plain.indexOf('.');
            if (bar < 0 || dot < 0 || dot > bar || !plain.startsWith("sha256:", bar + 1)) {
                throw new IllegalArgumentException("malformed cursor");
            }
            Instant time = Instant.ofEpochSecond(Long.parseLong(plain.substring(0, dot)),
                    Long.parseLong(plain.substring(dot + 1, bar)));
            return new EntryCursor(time, plain.substring(bar + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
    }

    /**
     * @param record a record
     * @return whether the record comes after this cursor in search order (createdAt descending, digest descending)
     */
    public boolean precedes(EntryRecord record) {
        int byTime = record.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && record.envelopeDigest().compareTo(envelopeDigest) < 0);
    }
}
