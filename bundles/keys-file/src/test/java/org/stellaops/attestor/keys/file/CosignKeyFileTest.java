package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.api.keys.KeyDriverException;

/** The cosign envelope (scrypt + NaCl secretbox) against go-securesystemslib's own vectors, and its refusals. */
class CosignKeyFileTest {

    private static final char[] PASSPHRASE = CosignVectors.GO_SSL_PASSPHRASE.toCharArray();
    private static final byte[] PLAINTEXT = "reallyimportant".getBytes(StandardCharsets.US_ASCII);

    private static byte[] sigstorePem(String json) {
        return CosignVectors.pem(CosignKeyFile.PEM_TYPE, json);
    }

    @Test
    void decryptsGoSecureSystemsLibsDecryptVector() {
        assertArrayEquals(PLAINTEXT, CosignKeyFile.decrypt(sigstorePem(CosignVectors.GO_SSL_DECRYPT), PASSPHRASE));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void decryptsGoSecureSystemsLibsVectorForEveryParameterSetItWrites(int index) {
        byte[] plaintext = CosignKeyFile.decrypt(sigstorePem(CosignVectors.GO_SSL_KDF_VECTORS[index]), PASSPHRASE);
        assertEquals("\"cmVhbGx5aW1wb3J0YW50\"", new String(plaintext, StandardCharsets.US_ASCII));
    }

    @Test
    void sealsExactlyTheCiphertextNaclWritesForTheSameKeyAndNonce() {
        Map<String, Object> doc = NestedJson.read(CosignVectors.GO_SSL_DECRYPT);
        @SuppressWarnings("unchecked")
        Map<String, Object> kdf = (Map<String, Object>) doc.get("kdf");
        @SuppressWarnings("unchecked")
        Map<String, Object> cipher = (Map<String, Object>) doc.get("cipher");
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] key = SCrypt.generate(CosignVectors.GO_SSL_PASSPHRASE.getBytes(StandardCharsets.UTF_8),
                b64.decode((String) kdf.get("salt")), 32768, 8, 1, 32);
        byte[] box = SecretBox.seal(key, b64.decode((String) cipher.get("nonce")), PLAINTEXT);
        assertArrayEquals(b64.decode((String) doc.get("ciphertext")), box);
    }

    @Test
    void writesTheEnvelopeWithCosignsTypeAndParameters() {
        byte[] file = CosignKeyFile.encrypt(PLAINTEXT, PASSPHRASE, new SecureRandom());
        String text = new String(file, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), text);
        assertTrue(text.endsWith("\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"), text);
        assertTrue(text.lines().allMatch(line -> line.length() <= 64 || line.startsWith("-----")), text);
        String json = CosignVectors.json(file);
        assertTrue(json.startsWith("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":32768,\"r\":8,\"p\":1},"
                + "\"salt\":\""), json);
        Map<String, Object> doc = NestedJson.read(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> kdf = (Map<String, Object>) doc.get("kdf");
        @SuppressWarnings("unchecked")
        Map<String, Object> cipher = (Map<String, Object>) doc.get("cipher");
        assertEquals(32, Base64.getDecoder().decode((String) kdf.get("salt")).length);
        assertEquals("nacl/secretbox", cipher.get("name"));
        assertEquals(24, Base64.getDecoder().decode((String) cipher.get("nonce")).length);
        assertArrayEquals(PLAINTEXT, CosignKeyFile.decrypt(file, PASSPHRASE));
    }

    @Test
    void usesAFreshSaltAndNonceForEveryExport() {
        SecureRandom random = new SecureRandom();
        Map<String, Object> a = NestedJson.read(CosignVectors.json(CosignKeyFile.encrypt(PLAINTEXT, PASSPHRASE,
                random)));
        Map<String, Object> b = NestedJson.read(CosignVectors.json(CosignKeyFile.encrypt(PLAINTEXT, PASSPHRASE,
                random)));
        assertTrue(!a.get("kdf").equals(b.get("kdf")) && !a.get("cipher").equals(b.get("cipher")));
    }

    @Test
    void refusesAWrongPassword() {
        KeyDriverException e = refused(sigstorePem(CosignVectors.GO_SSL_DECRYPT), "supersecreT");
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
    }

    @Test
    void refusesACiphertextWithOneBitFlipped() {
        String json = rewrite(CosignVectors.GO_SSL_DECRYPT, "SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ==",
                flipOneBit("SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ==", 20));
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    }

    @Test
    void refusesATruncatedNonce() {
        String nonce = "2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik";
        byte[] shorter = new byte[23];
        System.arraycopy(Base64.getDecoder().decode(nonce), 0, shorter, 0, 23);
        String json = rewrite(CosignVectors.GO_SSL_DECRYPT, nonce, Base64.getEncoder().encodeToString(shorter));
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("nonce is 23 bytes"), e.getMessage());
    }

    @Test
    void refusesAnUnknownKdf() {
        String json = rewrite(CosignVectors.GO_SSL_DECRYPT, "\"name\":\"scrypt\"", "\"name\":\"pbkdf2\"");
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("unknown kdf \"pbkdf2\""), e.getMessage());
    }

    @Test
    void refusesAnUnknownCipher() {
        String json = rewrite(CosignVectors.GO_SSL_DECRYPT, "nacl/secretbox", "aes-256-gcm");
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("unknown cipher \"aes-256-gcm\""), e.getMessage());
    }

    /**
     * Each of these would take gigabytes or minutes in the KDF (N = 2^40 cannot even be allocated), so a clean
     * {@code key.invalid_input} shows the bounds are checked before the KDF runs.
     */
    @ParameterizedTest
    @CsvSource({"2097152,8,1", "1099511627776,8,1", "1048576,8,1", "32768,8,64", "32768,1024,1", "32768,8,0",
        "0,8,1", "30000,8,1", "131072,8,16"})
    void refusesAbsurdScryptParametersBeforeRunningTheKdf(long n, long r, long p) {
        String json = rewrite(CosignVectors.GO_SSL_DECRYPT, "{\"N\":32768,\"r\":8,\"p\":1}",
                "{\"N\":" + n + ",\"r\":" + r + ",\"p\":" + p + "}");
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("refusing scrypt parameters N=" + n), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"kdf\":", "[1,2]", "{\"kdf\":{},\"kdf\":{}}", "{\"kdf\":true}", "{} trailing"})
    void refusesDamagedJson(String json) {
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().startsWith("cosign key: "), e.getMessage());
    }

    @Test
    void refusesAMissingCiphertext() {
        String json = CosignVectors.GO_SSL_DECRYPT.replaceAll(",\"ciphertext\":\"[^\"]*\"", "");
        KeyDriverException e = refused(sigstorePem(json), CosignVectors.GO_SSL_PASSPHRASE);
        assertTrue(e.getMessage().contains("\"ciphertext\" is missing"), e.getMessage());
    }

    @Test
    void refusesAPemBlockOfAnotherType() {
        KeyDriverException e = refused(CosignVectors.pem("PRIVATE KEY", CosignVectors.GO_SSL_DECRYPT), "x");
        assertTrue(e.getMessage().contains("the PEM block is 'PRIVATE KEY'"), e.getMessage());
    }

    @Test
    void refusesTextThatIsNotOnePemBlock() {
        byte[] twoBlocks = (CosignVectors.HARP_COSIGN_KEY + CosignVectors.HARP_COSIGN_PUB)
                .getBytes(StandardCharsets.US_ASCII);
        KeyDriverException e = refused(twoBlocks, CosignVectors.HARP_PASSWORD);
        assertTrue(e.getMessage().contains("exactly one PEM block"), e.getMessage());
    }

    @Test
    void refusesAnOversizedFileBeforeParsingIt() {
        KeyDriverException e = refused(new byte[CosignKeyFile.MAX_FILE_BYTES + 1], "x");
        assertTrue(e.getMessage().contains("larger than 64 KiB"), e.getMessage());
    }

    private static KeyDriverException refused(byte[] file, String password) {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> CosignKeyFile.decrypt(file, password.toCharArray()));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        return e;
    }

    private static String rewrite(String json, String from, String to) {
        assertTrue(json.contains(from), from);
        return json.replace(from, to);
    }

    private static String flipOneBit(String base64, int byteIndex) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[byteIndex] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
