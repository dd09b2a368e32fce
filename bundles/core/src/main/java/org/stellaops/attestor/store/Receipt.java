package org.stellaops.attestor.store;

import java.util.Objects;

import org.stellaops.attestor.api.model.Bytes;

/**
 * A service receipt: the service's statement, signed with its own ECDSA P-256 key, that it verified envelope
 * signature {@code signatureIndex}. It is what gets logged for a signature whose algorithm the log refuses. Created
 * once, when the record is created, and never re-signed (ECDSA signatures are randomized: a new signature would be
 * a different log entry).
 *
 * @param signatureIndex the covered signature
 * @param body the receipt: RFC 8785 canonical JSON {@code {"_type":"https://stellaops.org/attestor/receipt/v1",
 *             "envelopeDigest","payloadType","signatureIndex","signature","signerKeyId","signerAlgorithm",
 *             "signerPublicKey"}}
 * @param signature the service key's ASN.1 DER ECDSA signature over {@code body}
 * @param serviceKeyId the service key's id (lowercase hex SHA-256 of its SPKI) in the key driver
 */
public record Receipt(int signatureIndex, Bytes body, Bytes signature, String serviceKeyId) {

    /** The receipt's {@code _type}. */
    public static final String TYPE = "https://stellaops.org/attestor/receipt/v1";

    /**
     * @param signatureIndex {@code >= 0}
     * @param body not null
     * @param signature not null
     * @param serviceKeyId not null
     */
    public Receipt {
        if (signatureIndex < 0) {
            throw new IllegalArgumentException("signatureIndex < 0");
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(serviceKeyId, "serviceKeyId");
    }
}
