package org.stellaops.attestor.auth.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.stellaops.attestor.sdk.jose.Base64Url;

/**
 * Server-provided DPoP nonces (RFC 9449 §8) that need no storage: the nonce of a time window is an HMAC of the
 * window number under a secret, so any worker holding the secret can check it. A proof may carry the nonce of the
 * current or of the previous window, which gives clients at least one full window to use a nonce.
 */
final class DpopNonces {

    private static final int NONCE_BYTES = 16;

    private final byte[] secret;
    private final long windowSeconds;

    /**
     * @param secret the HMAC key (at least 32 bytes): random per process unless shared by configuration
     * @param window how long one nonce is current
     */
    DpopNonces(byte[] secret, Duration window) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the DPoP nonce secret must have at least 32 bytes");
        }
        if (window.getSeconds() < 1) {
            throw new IllegalArgumentException("the DPoP nonce lifetime must be at least one second");
        }
        this.secret = secret.clone();
        this.windowSeconds = window.getSeconds();
    }

    /** @return the nonce to hand out now */
    String current(Instant now) {
        return Base64Url.encode(nonce(window(now)));
    }

    /** @return whether the nonce is the current or the previous window's */
    boolean valid(String nonce, Instant now) {
        byte[] given;
        try {
            given = Base64Url.decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        long w = window(now);
        return MessageDigest.isEqual(given, nonce(w)) | MessageDigest.isEqual(given, nonce(w - 1));
    }

    private long window(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), windowSeconds);
    }

    private byte[] nonce(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("dpop-nonce/v1".getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
            return Arrays.copyOf(mac.doFinal(), NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
