package org.stellaops.attestor.keys.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;

import org.bouncycastle.crypto.generators.SCrypt;
import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * The encrypted private key file of cosign ({@code cosign.key}), as {@code cosign generate-key-pair} and
 * {@code cosign import-key-pair} write it: one PEM block of type {@value #PEM_TYPE} (older releases:
 * {@value #LEGACY_PEM_TYPE}) whose body is the JSON envelope of go-securesystemslib's {@code encrypted} package,
 * <pre>{"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":b64},
 *  "cipher":{"name":"nacl/secretbox","nonce":b64},"ciphertext":b64}</pre>
 * where the 32-byte scrypt output of the UTF-8 password keys a NaCl secretbox holding the PKCS#8 DER private key.
 */
final class CosignKeyFile {

    static final String PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
    static final String LEGACY_PEM_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
    /** Far above any real key file (an RSA-8192 key is about 7 KiB): bounds the work done on hostile input. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    /**
     * The scrypt parameters of exports: go-securesystemslib's original set, the only one cosign releases before
     * go-securesystemslib 0.5 accept; newer releases write N = 65536 but still read this one.
     */
    static final int EXPORT_N = 32768;
    static final int EXPORT_R = 8;
    static final int EXPORT_P = 1;
    static final int SALT_BYTES = 32;

    /** Import bounds, checked before the KDF runs so a hostile file cannot make it exhaust memory or time. */
    static final long MAX_N = 1L << 20;
    static final long MAX_R = 32;
    static final long MAX_P = 16;
    static final long MAX_MEMORY_BYTES = 256L << 20;
    static final long MAX_WORK = 1L << 22;

    private static final String KDF_NAME = "scrypt";
    private static final String CIPHER_NAME = "nacl/secretbox";
    private static final Pattern PEM = Pattern.compile(
            "\\A\\s*-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n([A-Za-z0-9+/=\\s]*?)-----END \\1-----\\s*\\z");

    private CosignKeyFile() {
    }

    /**
     * Decrypts a cosign key file.
     *
     * @param file the file content
     * @param password the password; null is the empty password cosign also accepts
     * @return the PKCS#8 DER private key; the caller wipes it
     * @throws KeyDriverException {@code key.invalid_input} naming what is wrong (PEM, JSON, parameters, password)
     */
    static byte[] decrypt(byte[] file, char[] password) {
        Envelope envelope = Envelope.parse(pemBody(file));
        envelope.checkCost();
        byte[] key = derive(password, envelope.salt(), envelope.n(), envelope.r(), envelope.p());
        try {
            return SecretBox.open(key, envelope.nonce(), envelope.ciphertext());
        } catch (AEADBadTagException e) {
            throw invalid("wrong password, or the key file was altered (the nacl/secretbox authentication failed)",
                    e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Encrypts a private key as cosign does, under a fresh random salt and nonce.
     *
     * @param pkcs8 the PKCS#8 DER private key
     * @param password the password, not empty
     * @param random randomness for the salt and the nonce
     * @return the {@value #PEM_TYPE} PEM file content
     */
    static byte[] encrypt(byte[] pkcs8, char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[SecretBox.NONCE_BYTES];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = derive(password, salt, EXPORT_N, EXPORT_R, EXPORT_P);
        byte[] box;
        try {
            box = SecretBox.seal(key, nonce, pkcs8);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        // the member order and compact form of Go's json.Marshal of the envelope struct
        String json = "{\"kdf\":{\"name\":\"" + KDF_NAME + "\",\"params\":{\"N\":" + EXPORT_N + ",\"r\":" + EXPORT_R
                + ",\"p\":" + EXPORT_P + "},\"salt\":\"" + b64.encodeToString(salt) + "\"},\"cipher\":{\"name\":\""
                + CIPHER_NAME + "\",\"nonce\":\"" + b64.encodeToString(nonce) + "\"},\"ciphertext\":\""
                + b64.encodeToString(box) + "\"}";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(json.getBytes(StandardCharsets.US_ASCII));
        return ("-----BEGIN " + PEM_TYPE + "-----\n" + body + "\n-----END " + PEM_TYPE + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pemBody(byte[] file) {
        if (file.length > MAX_FILE_BYTES) {
            throw invalid("the cosign key is larger than " + MAX_FILE_BYTES / 1024 + " KiB", null);
        }
        Matcher m = PEM.matcher(new String(file, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            throw invalid("not a cosign key: expected exactly one PEM block '-----BEGIN " + PEM_TYPE + "-----'",
                    null);
        }
        String type = m.group(1);
        if (!PEM_TYPE.equals(type) && !LEGACY_PEM_TYPE.equals(type)) {
            throw invalid("not an encrypted cosign key: the PEM block is '" + type + "', expected '" + PEM_TYPE
                    + "' or '" + LEGACY_PEM_TYPE + "' (convert other keys with 'cosign import-key-pair')", null);
        }
        try {
            return Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("the PEM body is not valid base64 (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, long n, long r, long p) {
        byte[] secret = utf8(password == null ? new char[0] : password);
        try {
            return SCrypt.generate(secret, salt, (int) n, (int) r, (int) p, SecretBox.KEY_BYTES);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        Arrays.fill(buf.array(), (byte) 0);
        return bytes;
    }

    static KeyDriverException invalid(String message, Throwable cause) {
        return new KeyDriverException(KeyDriverException.INVALID_INPUT, "cosign key: " + message, cause);
    }

    /** The parsed JSON envelope. */
    private record Envelope(long n, long r, long p, byte[] salt, byte[] nonce, byte[] ciphertext) {

        static Envelope parse(byte[] json) {
            Map<String, Object> doc;
            try {
                doc = NestedJson.read(new String(json, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw invalid("the encrypted key is not valid JSON (" + e.getMessage() + ")", e);
            }
            Map<String, Object> kdf = object(doc, "kdf");
            Map<String, Object> cipher = object(doc, "cipher");
            String kdfName = string(kdf, "name", "kdf");
            if (!KDF_NAME.equals(kdfName)) {
                throw invalid("unknown kdf \"" + kdfName + "\" (cosign keys use " + KDF_NAME + ")", null);
            }
            String cipherName = string(cipher, "name", "cipher");
            if (!CIPHER_NAME.equals(cipherName)) {
                throw invalid("unknown cipher \"" + cipherName + "\" (cosign keys use " + CIPHER_NAME + ")", null);
            }
            Map<String, Object> params = object(kdf, "params");
            byte[] nonce = base64(cipher, "nonce", "cipher");
            if (nonce.length != SecretBox.NONCE_BYTES) {
                throw invalid("the nonce is " + nonce.length + " bytes; " + CIPHER_NAME + " needs "
                        + SecretBox.NONCE_BYTES, null);
            }
            byte[] salt = base64(kdf, "salt", "kdf");
            if (salt.length == 0 || salt.length > 1024) {
                throw invalid("the scrypt salt is " + salt.length + " bytes", null);
            }
            return new Envelope(integer(params, "N"), integer(params, "r"), integer(params, "p"), salt, nonce,
                    base64(doc, "ciphertext", "envelope"));
        }

        void checkCost() {
            boolean sane = n >= 2 && n <= MAX_N && Long.bitCount(n) == 1 && r >= 1 && r <= MAX_R && p >= 1
                    && p <= MAX_P && 128 * n * r <= MAX_MEMORY_BYTES && n * r * p <= MAX_WORK;
            if (!sane) {
                throw invalid("refusing scrypt parameters N=" + n + ", r=" + r + ", p=" + p + ": N must be a power "
                        + "of two up to 2^20, r at most " + MAX_R + ", p at most " + MAX_P + ", memory (128*N*r) at "
                        + "most 256 MiB and work (N*r*p) at most 2^22", null);
            }
        }

        @Override
        public String toString() {
            return "Envelope[N=" + n + ", r=" + r + ", p=" + p + "]";
        }

        private static Map<String, Object> object(Map<String, Object> parent, String member) {
            if (parent.get(member) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) m;
                return object;
            }
            throw invalid("the member \"" + member + "\" is missing or not an object", null);
        }

        private static String string(Map<String, Object> parent, String member, String where) {
            if (parent.get(member) instanceof String s) {
                return s;
            }
            throw invalid("the " + where + " member \"" + member + "\" is missing or not a string", null);
        }

        private static long integer(Map<String, Object> params, String member) {
            if (params.get(member) instanceof Long value) {
                return value;
            }
            throw invalid("the scrypt parameter \"" + member + "\" is missing or not an integer", null);
        }

        private static byte[] base64(Map<String, Object> parent, String member, String where) {
            try {
                return Base64.getDecoder().decode(string(parent, member, where));
            } catch (IllegalArgumentException e) {
                throw invalid("the " + where + " member \"" + member + "\" is not valid base64", e);
            }
        }
    }
}
