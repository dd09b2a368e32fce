package org.stellaops.attestor.tlog.embedded;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** hashedrekord requests of a real EC P-256 signer over the messages {@code entry-<n>}. */
final class Requests {

    private static final KeyPair SIGNER = MemoryKeyDriver.generateKeyPair();
    private static final Bytes SPKI = Bytes.of(PublicKeys.spki(SIGNER.getPublic()));
    private static final Bytes SHARED_SIGNATURE = sign("shared");

    private Requests() {
    }

    /** @return a request with its own real signature over {@code entry-n} */
    static HashedRekordRequest request(long n) {
        String message = "entry-" + n;
        return new HashedRekordRequest(digest(message), sign(message), SPKI, KeyAlgorithm.ECDSA_P256_SHA256);
    }

    /** @return a request whose digest is unique but whose signature bytes are shared, for bulk tests */
    static HashedRekordRequest bulk(long n) {
        return new HashedRekordRequest(digest("entry-" + n), SHARED_SIGNATURE, SPKI, KeyAlgorithm.ECDSA_P256_SHA256);
    }

    private static Bytes sign(String message) {
        return Bytes.of(Signatures.sign(SIGNER.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                message.getBytes(StandardCharsets.UTF_8)));
    }

    private static Bytes digest(String message) {
        try {
            return Bytes.of(MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
