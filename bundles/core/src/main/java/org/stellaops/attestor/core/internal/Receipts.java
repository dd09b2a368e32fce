package org.stellaops.attestor.core.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.core.service.ErrorCodes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.store.Receipt;

/**
 * Service receipts for signatures a Rekor v2 log refuses (pure Ed25519, RSA-PSS): canonical JSON binding the
 * envelope digest, the payload type, the signature and its signer, signed with the service key. The logged
 * hashedrekord for such a signature is (SHA-256 of the receipt, the service signature, the service key).
 *
 * <p>The receipt body is a pure function of (envelope digest, envelope, signature index, signer), so verifying a
 * receipt means rebuilding that body and comparing bytes, then checking the service signature.
 */
final class Receipts {

    /** Code of a receipt that does not bind this envelope or whose service signature does not verify. */
    static final String INVALID = "receipt.invalid";

    private final ServiceKeys keys;

    Receipts(ServiceKeys keys) {
        this.keys = keys;
    }

    /**
     * Creates and signs the receipt of one signature. Called once per signature, when the record is created.
     *
     * @param key the active service key ({@link ServiceKeys#current()})
     * @throws AttestorException {@code key.driver_unavailable} if the service key cannot sign
     */
    Receipt create(ServiceKeys.ServiceKey key, String envelopeDigest, Envelope envelope, int signatureIndex,
                   TrustedSigner signer) {
        byte[] body = body(envelopeDigest, envelope, signatureIndex, signer);
        byte[] signature = keys.sign(key.keyId(), body);
        if (!Signatures.verify(key.publicKey(), KeyAlgorithm.ECDSA_P256_SHA256, body, signature)) {
            throw new AttestorException(ErrorCodes.KEY_DRIVER_UNAVAILABLE,
                    "the key driver's signature with service key " + key.keyId() + " does not verify");
        }
        return new Receipt(signatureIndex, Bytes.of(body), Bytes.of(signature), key.keyId());
    }

    /** @return the canonical receipt body for one signature */
    static byte[] body(String envelopeDigest, Envelope envelope, int signatureIndex, TrustedSigner signer) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("_type", Receipt.TYPE);
        node.put("envelopeDigest", envelopeDigest);
        node.put("payloadType", envelope.payloadType());
        node.put("signatureIndex", signatureIndex);
        node.put("signature", envelope.signatures().get(signatureIndex).sig().base64());
        node.put("signerKeyId", signer.keyId());
        node.put("signerAlgorithm", PublicKeys.keyDetails(signer.key(), signer.algorithm()));
        node.put("signerPublicKey", Base64.getEncoder().encodeToString(PublicKeys.spki(signer.key())));
        return Jcs.canonicalize(node);
    }

    /** @return the hashedrekord that logs the receipt */
    static HashedRekordRequest request(Receipt receipt, PublicKey serviceKey) {
        return new HashedRekordRequest(Bytes.of(sha256(receipt.body().value())), receipt.signature(),
                Bytes.of(PublicKeys.spki(serviceKey)), KeyAlgorithm.ECDSA_P256_SHA256);
    }

    /**
     * @param receipt the stored receipt
     * @param expectedBody the body rebuilt from the envelope and the trusted signer
     * @param serviceKey the service key the receipt names, from the key driver
     * @throws AttestorException {@value #INVALID} with the reason
     */
    static void verify(Receipt receipt, byte[] expectedBody, PublicKey serviceKey) {
        if (!Arrays.equals(receipt.body().value(), expectedBody)) {
            throw new AttestorException(INVALID, "receipt " + receipt.signatureIndex()
                    + " does not bind this envelope's digest, signature and signer");
        }
        if (!PublicKeys.keyId(serviceKey).equals(receipt.serviceKeyId())) {
            throw new AttestorException(INVALID, "receipt " + receipt.signatureIndex()
                    + " names service key " + receipt.serviceKeyId() + " but was checked with another key");
        }
        if (!Signatures.verify(serviceKey, KeyAlgorithm.ECDSA_P256_SHA256, expectedBody,
                receipt.signature().value())) {
            throw new AttestorException(INVALID, "the service signature on receipt " + receipt.signatureIndex()
                    + " does not verify");
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
