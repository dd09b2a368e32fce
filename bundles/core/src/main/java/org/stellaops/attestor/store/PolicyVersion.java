package org.stellaops.attestor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One immutable version of a tenant's verification policy: a document (exactly the bytes the author sent, as
 * text), or a tombstone that deletes the policy while keeping its history. Versions of one policy are numbered from
 * 1 without gaps; nothing is ever changed or removed, an approval is recorded beside the version
 * ({@link PolicyApproval}).
 *
 * @param tenant the tenant that owns the policy
 * @param policyId the policy's id ({@link #isPolicyId})
 * @param version the version number, from 1
 * @param deleted whether this version is a tombstone (no document)
 * @param format {@link #JSON} or {@link #YAML}; empty for a tombstone
 * @param document the document text; empty for a tombstone
 * @param digest the document's content digest ({@code sha256:<hex>} of its canonical form); empty for a tombstone
 * @param author the principal who made the change
 * @param createdAt when the version was made
 * @param approvalRequired whether the version becomes active only once a principal other than its author approved
 *                         it (the tenant's rule when the version was made)
 * @param comment the author's note on the change; may be empty
 * @since 5.2
 */
public record PolicyVersion(String tenant, String policyId, int version, boolean deleted, String format,
                            String document, String digest, String author, Instant createdAt,
                            boolean approvalRequired, String comment) {

    /** A JSON document. */
    public static final String JSON = "json";
    /** A YAML document. */
    public static final String YAML = "yaml";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * Validates.
     *
     * @param tenant a tenant name or {@link Tenants#OPERATOR}
     * @param policyId a policy id
     * @param version at least 1
     * @param deleted flag
     * @param format json or yaml, or empty for a tombstone (null reads as empty)
     * @param document not empty, or empty for a tombstone (null reads as empty)
     * @param digest not empty, or empty for a tombstone (null reads as empty)
     * @param author not empty
     * @param createdAt not null
     * @param approvalRequired flag
     * @param comment null reads as empty
     */
    public PolicyVersion {
        Tenants.require(tenant);
        if (!isPolicyId(policyId)) {
            throw new IllegalArgumentException("a policy id is 1 to 128 of A-Z a-z 0-9 . _ -, starting with a letter "
                    + "or digit");
        }
        if (version < 1) {
            throw new IllegalArgumentException("policy versions start at 1");
        }
        format = format == null ? "" : format;
        document = document == null ? "" : document;
        digest = digest == null ? "" : digest;
        if (deleted != (format.isEmpty() && document.isEmpty() && digest.isEmpty())) {
            throw new IllegalArgumentException("a tombstone has no format, document or digest; a document version "
                    + "has all three");
        }
        if (!deleted && !JSON.equals(format) && !YAML.equals(format)) {
            throw new IllegalArgumentException("a policy document is json or yaml, not " + format);
        }
        if (Objects.requireNonNull(author, "author").isEmpty()) {
            throw new IllegalArgumentException("a policy version names its author");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        comment = comment == null ? "" : comment;
    }

    /**
     * @param candidate a candidate policy id
     * @return whether it is one: 1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit (the policy
     *         document's own {@code id} syntax)
     */
    public static boolean isPolicyId(String candidate) {
        return candidate != null && ID.matcher(candidate).matches();
    }
}
