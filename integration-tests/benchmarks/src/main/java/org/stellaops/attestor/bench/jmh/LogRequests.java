package org.stellaops.attestor.bench.jmh;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

/** Distinct hashedrekord requests for log benchmarks: the n-th has digest SHA-256(n), so none repeats. */
final class LogRequests {

    private final Bytes publicKey;
    /** A DER ECDSA signature's size; the log stores the bytes, it does not verify them. */
    private final Bytes signature = Bytes.of(new byte[71]);

    LogRequests(PublicKey key) {
        this.publicKey = Bytes.of(PublicKeys.spki(key));
    }

    HashedRekordRequest request(long n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(8).putLong(n).array());
            return new HashedRekordRequest(Bytes.of(digest), signature, publicKey, KeyAlgorithm.ECDSA_P256_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
