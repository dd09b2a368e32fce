package org.stellaops.attestor.it.e2e;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * cosign's encrypted private key file ({@code cosign.key}), written and read by the tests themselves because cosign is
 * not installed here: a PEM block {@code ENCRYPTED SIGSTORE PRIVATE KEY} around the JSON of go-securesystemslib's
 * {@code encrypted} package, {@code {"kdf":{"name":"scrypt","params":{"N","r","p"},"salt"},"cipher":{"name":
 * "nacl/secretbox","nonce"},"ciphertext"}}, where scrypt of the UTF-8 password keys a NaCl secretbox
 * (XSalsa20-Poly1305, tag first) holding the PKCS#8 DER private key. Built from BouncyCastle primitives, independently
 * of the service's own codec, so an import proves the service reads what cosign writes.
 */
final class CosignKeys {

    static final String PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
    private static final int N = 32768;
    private static final int R = 8;
    private static final int P = 1;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private CosignKeys() {
    }

    /**
     * @param pkcs8 the PKCS#8 DER private key
     * @param password the password
     * @return the {@code cosign.key} text
     */
    static String encrypt(byte[] pkcs8, String password) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] nonce = new byte[24];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] box = seal(kdf(password, salt, N, R, P), nonce, pkcs8);
        Base64.Encoder b64 = Base64.getEncoder();
        String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":" + N + ",\"r\":" + R + ",\"p\":" + P
                + "},\"salt\":\"" + b64.encodeToString(salt) + "\"},\"cipher\":{\"name\":\"nacl/secretbox\","
                + "\"nonce\":\"" + b64.encodeToString(nonce) + "\"},\"ciphertext\":\"" + b64.encodeToString(box)
                + "\"}";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(json.getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + PEM_TYPE + "-----\n" + body + "\n-----END " + PEM_TYPE + "-----\n";
    }

    /**
     * @param cosignKey the {@code cosign.key} text
     * @param password the password it was encrypted with
     * @return the PKCS#8 DER private key
     * @throws AssertionError if the file is not a cosign key or the password does not open it
     */
    static byte[] decrypt(String cosignKey, String password) {
        Matcher m = PEM.matcher(cosignKey);
        if (!m.find() || !m.group(1).equals(PEM_TYPE)) {
            throw new AssertionError("not a cosign key: " + cosignKey);
        }
        JsonNode doc = Attestations.tree(Base64.getMimeDecoder().decode(m.group(2)));
        JsonNode params = doc.path("kdf").path("params");
        if (!doc.path("kdf").path("name").asText().equals("scrypt")
                || !doc.path("cipher").path("name").asText().equals("nacl/secretbox")) {
            throw new AssertionError("not scrypt + nacl/secretbox: " + doc);
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] key = kdf(password, b64.decode(doc.path("kdf").path("salt").asText()), params.path("N").asInt(),
                params.path("r").asInt(), params.path("p").asInt());
        return open(key, b64.decode(doc.path("cipher").path("nonce").asText()),
                b64.decode(doc.path("ciphertext").asText()));
    }

    private static byte[] kdf(String password, byte[] salt, int n, int r, int p) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] secret = Arrays.copyOf(utf8.array(), utf8.limit());
        return SCrypt.generate(secret, salt, n, r, p, 32);
    }

    /** NaCl secretbox: Poly1305 keyed by the first 32 keystream bytes, tag in front of the ciphertext. */
    private static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine stream = stream(key, nonce);
        Poly1305 mac = oneTimeMac(stream);
        byte[] out = new byte[16 + message.length];
        stream.processBytes(message, 0, message.length, out, 16);
        mac.update(out, 16, message.length);
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        XSalsa20Engine stream = stream(key, nonce);
        Poly1305 mac = oneTimeMac(stream);
        mac.update(box, 16, box.length - 16);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, 16))) {
            throw new AssertionError("the secretbox does not open with this password");
        }
        byte[] message = new byte[box.length - 16];
        stream.processBytes(box, 16, message.length, message, 0);
        return message;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return stream;
    }

    private static Poly1305 oneTimeMac(XSalsa20Engine stream) {
        byte[] oneTimeKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, oneTimeKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(oneTimeKey));
        return mac;
    }
}
