package org.stellaops.attestor.keys.fido2;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key arithmetic of ES256 credentials: SHA-256, key ids, and the conversion of a DER SubjectPublicKeyInfo into
 * the uncompressed P-256 point WebAuthn works with.
 */
final class P256Keys {

    private static final int COORDINATE_LENGTH = 32;
    private static final ECParameterSpec P256 = p256();

    private P256Keys() {
    }

    /**
     * @param parts the bytes to hash, concatenated
     * @return their SHA-256
     */
    static byte[] sha256(byte[]... parts) {
        MessageDigest digest = sha256Digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /**
     * @param spki a DER SubjectPublicKeyInfo
     * @return the key id: lowercase hex SHA-256 of the SPKI
     */
    static String keyId(byte[] spki) {
        return HexFormat.of().formatHex(sha256(spki));
    }

    /**
     * @param keyId a candidate key id
     * @return whether it has the shape of a key id (64 lowercase hex digits), so that it is safe in a file name
     */
    static boolean isKeyId(String keyId) {
        return keyId != null && keyId.length() == 64 && keyId.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    /**
     * Parses a P-256 public key.
     *
     * @param spki a DER SubjectPublicKeyInfo
     * @return the key
     * @throws GeneralSecurityException if it is not a canonical DER encoding of an EC key on P-256
     */
    static ECPublicKey parse(byte[] spki) throws GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new GeneralSecurityException("not an ECDSA P-256 public key");
        }
        if (!Arrays.equals(key.getEncoded(), spki)) {
            // a key id is the hash of these bytes, so two encodings of one key must not both be accepted
            throw new GeneralSecurityException("the public key is not in canonical DER form");
        }
        return ec;
    }

    /**
     * @param spki a DER SubjectPublicKeyInfo of a P-256 key
     * @return the uncompressed point {@code 04 || X || Y} (65 bytes), the FIDO {@code ALG_KEY_ECC_X962_RAW} form
     * @throws GeneralSecurityException as {@link #parse(byte[])}
     */
    static byte[] uncompressedPoint(byte[] spki) throws GeneralSecurityException {
        ECPublicKey key = parse(spki);
        byte[] point = new byte[1 + 2 * COORDINATE_LENGTH];
        point[0] = 0x04;
        copyCoordinate(key.getW().getAffineX(), point, 1);
        copyCoordinate(key.getW().getAffineY(), point, 1 + COORDINATE_LENGTH);
        return point;
    }

    /**
     * Checks the strict DER form of an ECDSA P-256 signature: {@code SEQUENCE { INTEGER r, INTEGER s }}, minimal
     * lengths, nothing after it, and {@code 0 < r, s < n}. The JDK throws (rather than answering false) for some
     * malformed encodings, so signatures are checked before they reach it.
     *
     * @param signature the candidate
     * @return whether it is well formed
     */
    static boolean isDerSignature(byte[] signature) {
        if (signature.length < 8 || signature.length > 72 || signature[0] != 0x30
                || (signature[1] & 0xff) != signature.length - 2) {
            return false;
        }
        int next = derInteger(signature, 2);
        return next > 0 && derInteger(signature, next) == signature.length;
    }

    /** @return the offset after a well-formed INTEGER in (0, n) at {@code offset}, or -1 */
    private static int derInteger(byte[] der, int offset) {
        if (offset + 2 > der.length || der[offset] != 0x02) {
            return -1;
        }
        int length = der[offset + 1] & 0xff;
        int start = offset + 2;
        if (length < 1 || length > COORDINATE_LENGTH + 1 || start + length > der.length) {
            return -1;
        }
        boolean negative = (der[start] & 0x80) != 0;
        boolean padded = length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0;
        if (negative || padded) {
            return -1;
        }
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(der, start, start + length));
        if (value.signum() <= 0 || value.compareTo(P256.getOrder()) >= 0) {
            return -1;
        }
        return start + length;
    }

    private static void copyCoordinate(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        // BigInteger adds a sign byte or drops leading zeros; the coordinate is a fixed 32-byte big-endian field
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, target, offset + COORDINATE_LENGTH - length, length);
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder()) && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no P-256 curve", e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }
}
