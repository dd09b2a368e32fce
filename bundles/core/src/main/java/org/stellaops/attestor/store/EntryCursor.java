package org.stellaops.attestor.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The position after the last record of a search page: the tenant searched and the (createdAt, envelope digest) of
 * that record. Every store encodes it the same way, so a cursor stays valid when a deployment moves from one store to
 * another, and the API can refuse a malformed cursor, or one of another tenant's search, before a store sees it.
 * Encoded as base64url (no padding) of {@code <tenant>|<epochSecond>.<nano>|<envelopeDigest>}. A cursor is not a
 * secret, and carries nothing the tenant did not already read on the page before.
 *
 * @param tenant the tenant whose records were searched
 * @param createdAt the last record's creation time
 * @param envelopeDigest the last record's envelope digest
 */
public record EntryCursor(String tenant, Instant createdAt, String envelopeDigest) {

    /**
     * @param tenant a tenant name
     * @param createdAt not null
     * @param envelopeDigest not null
     */
    public EntryCursor {
        if (!Tenants.isName(tenant)) {
            throw new IllegalArgumentException("malformed cursor: no tenant");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    }

    /**
     * @param record the last record of a page
     * @return the cursor after it, bound to the record's tenant
     */
    public static EntryCursor after(EntryRecord record) {
        return new EntryCursor(record.tenant(), record.createdAt(), record.envelopeDigest());
    }

    /** @return the opaque text form */
    public String encode() {
        String plain = tenant + "|" + createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + envelopeDigest;
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
            int first = plain.indexOf('|');
            int second = plain.indexOf('|', first + 1);
            int dot = plain.indexOf('.', first + 1);
            if (first <= 0 || second < 0 || dot < 0 || dot > second || !plain.startsWith("sha256:", second + 1)) {
                throw new IllegalArgumentException("malformed cursor");
            }
            Instant time = Instant.ofEpochSecond(Long.parseLong(plain.substring(first + 1, dot)),
                    Long.parseLong(plain.substring(dot + 1, second)));
            return new EntryCursor(plain.substring(0, first), time, plain.substring(second + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
    }

    /**
     * @param record a record of this cursor's tenant
     * @return whether the record comes after this cursor in search order (createdAt descending, digest descending)
     */
    public boolean precedes(EntryRecord record) {
        int byTime = record.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && record.envelopeDigest().compareTo(envelopeDigest) < 0);
    }
}
