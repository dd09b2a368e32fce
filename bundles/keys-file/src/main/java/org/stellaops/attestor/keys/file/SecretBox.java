package org.stellaops.attestor.keys.file;

import java.util.Arrays;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), the cipher of cosign's encrypted keys, composed from
 * BouncyCastle's XSalsa20 stream and Poly1305 exactly as NaCl does: the first 32 bytes of the XSalsa20 keystream are
 * the one-time Poly1305 key, the message is encrypted with the keystream that follows, the tag is computed over the
 * ciphertext and placed in front of it. The output is therefore byte-for-byte what Go's
 * {@code golang.org/x/crypto/nacl/secretbox} writes and reads.
 */
final class SecretBox {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 24;
    static final int TAG_BYTES = 16;

    private SecretBox() {
    }

    /**
     * @param key 32 bytes
     * @param nonce 24 bytes, never reused with the same key
     * @param plaintext the message
     * @return tag (16 bytes) followed by the ciphertext
     */
    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        XSalsa20Engine stream = stream(key, nonce);
        Poly1305 mac = mac(stream);
        byte[] out = new byte[TAG_BYTES + plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, out, TAG_BYTES);
        mac.update(out, TAG_BYTES, plaintext.length);
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * Authenticates, then decrypts.
     *
     * @param key 32 bytes
     * @param nonce 24 bytes
     * @param box tag followed by ciphertext
     * @return the plaintext
     * @throws AEADBadTagException if the box is shorter than a tag or the tag does not match (wrong key, or the box,
     *         the nonce or the key were altered)
     */
    static byte[] open(byte[] key, byte[] nonce, byte[] box) throws AEADBadTagException {
        if (box.length < TAG_BYTES) {
            throw new AEADBadTagException("the secretbox is shorter than its 16-byte tag");
        }
        XSalsa20Engine stream = stream(key, nonce);
        Poly1305 mac = mac(stream);
        mac.update(box, TAG_BYTES, box.length - TAG_BYTES);
        byte[] expected = new byte[TAG_BYTES];
        mac.doFinal(expected, 0);
        if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(TAG_BYTES, expected, 0, box, 0)) {
            throw new AEADBadTagException("the secretbox tag does not match");
        }
        byte[] plaintext = new byte[box.length - TAG_BYTES];
        stream.processBytes(box, TAG_BYTES, plaintext.length, plaintext, 0);
        return plaintext;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
        }
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return stream;
    }

    /** Takes the first 32 keystream bytes as the one-time Poly1305 key, leaving the stream at the message start. */
    private static Poly1305 mac(XSalsa20Engine stream) {
        byte[] oneTimeKey = new byte[KEY_BYTES];
        stream.processBytes(new byte[KEY_BYTES], 0, KEY_BYTES, oneTimeKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(oneTimeKey));
        Arrays.fill(oneTimeKey, (byte) 0);
        return mac;
    }
}
