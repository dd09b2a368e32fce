package org.stellaops.attestor.store;

import java.util.Objects;

/**
 * How one verified envelope signature is put into the transparency logs, fixed when the record is created: either
 * the signature itself as a hashedrekord, or (for algorithms Rekor v2 refuses, such as pure Ed25519 and RSA-PSS) a
 * service-signed {@link Receipt} for it.
 *
 * @param signatureIndex index in the envelope's {@code signatures}
 * @param signerKeyId the trusted key whose signature verified (lowercase hex SHA-256 of its SPKI)
 * @param via {@link #VIA_SIGNATURE} or {@link #VIA_RECEIPT}
 * @param uuid the uuid every log gives this entry: lowercase hex RFC 6962 leaf hash of its hashedrekord body,
 *             known before any log answers
 */
public record SignatureCoverage(int signatureIndex, String signerKeyId, String via, String uuid) {

    /** The envelope signature itself is logged. */
    public static final String VIA_SIGNATURE = "signature";
    /** A service receipt binding the envelope and the signature is logged. */
    public static final String VIA_RECEIPT = "receipt";

    /**
     * @param signatureIndex {@code >= 0}
     * @param signerKeyId not null
     * @param via {@code signature} or {@code receipt}
     * @param uuid not null
     */
    public SignatureCoverage {
        if (signatureIndex < 0) {
            throw new IllegalArgumentException("signatureIndex < 0");
        }
        Objects.requireNonNull(signerKeyId, "signerKeyId");
        if (!VIA_SIGNATURE.equals(via) && !VIA_RECEIPT.equals(via)) {
            throw new IllegalArgumentException("via must be signature or receipt, not " + via);
        }
        Objects.requireNonNull(uuid, "uuid");
    }
}
