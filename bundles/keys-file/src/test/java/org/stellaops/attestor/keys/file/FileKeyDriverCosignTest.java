package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.keys.KeyMaterial;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;

/** Keys moving between cosign and the file driver. */
class FileKeyDriverCosignTest {

    private static final byte[] MESSAGE = "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(StandardCharsets.UTF_8);
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path tmp;

    private FileKeyDriver driver(String name) {
        return new FileKeyDriver(tmp.resolve(name), null);
    }

    private static KeyMaterial cosign(String pem, String password) {
        return new KeyMaterial(KeyMaterial.COSIGN, pem.getBytes(StandardCharsets.US_ASCII),
                password == null ? null : password.toCharArray());
    }

    private static KeyMaterial cosign(byte[] pem, String password) {
        return new KeyMaterial(KeyMaterial.COSIGN, pem, password.toCharArray());
    }

    @Test
    void importsTheCosignGeneratedVectorAndYieldsThePublicKeyPublishedBesideIt() throws Exception {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.importKey("harp-release",
                cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        byte[] published = Pem.publicKeyDer(CosignVectors.HARP_COSIGN_PUB);
        assertArrayEquals(published, key.publicKey().value());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published)), key.keyId());
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, key.algorithm());
        assertEquals("harp-release", key.name());
        assertTrue(jdkVerify(published, key.algorithm(), MESSAGE, driver.sign(key.keyId(), MESSAGE)));
    }

    @Test
    void importsACosignKeyWrittenWithAnEmptyPasswordAndTheNewerScryptParameters() {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.importKey("empty", cosign(CosignVectors.SIGSTORE_RS_COSIGN_EMPTY_PASSWORD_KEY, ""));
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, key.algorithm());
        assertTrue(jdkVerify(key.publicKey().value(), key.algorithm(), MESSAGE, driver.sign(key.keyId(), MESSAGE)));
    }

    @Test
    void importsAnEd25519KeyInTheCosignFormat() {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.importKey("ed", cosign(CosignVectors.SIGSTORE_RS_ED25519_KEY,
                CosignVectors.SIGSTORE_RS_PASSWORD));
        assertEquals(KeyAlgorithm.ED25519, key.algorithm());
        assertTrue(jdkVerify(key.publicKey().value(), key.algorithm(), MESSAGE, driver.sign(key.keyId(), MESSAGE)));
    }

    @Test
    void keepsAnImportedKeyAcrossRestarts() {
        KeyInfo key = driver("a").importKey("harp",
                cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        FileKeyDriver again = driver("a");
        assertEquals(key, again.key(key.keyId()).orElseThrow());
        assertTrue(jdkVerify(key.publicKey().value(), key.algorithm(), MESSAGE, again.sign(key.keyId(), MESSAGE)));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = "WEBAUTHN_ES256", mode = EnumSource.Mode.EXCLUDE)
    void roundTripsThroughCosignIntoAFreshDriverWithTheSameKeyId(KeyAlgorithm algorithm) {
        FileKeyDriver source = driver("source");
        KeyInfo original = source.createKey("k", algorithm);
        KeyMaterial exported = source.exportKey(original.keyId(), KeyMaterial.COSIGN, PASSWORD.toCharArray());
        assertEquals(KeyMaterial.COSIGN, exported.format());
        assertNull(exported.password());

        FileKeyDriver fresh = driver("fresh");
        KeyInfo imported = fresh.importKey("k", cosign(exported.bytes(), PASSWORD));
        assertEquals(original.keyId(), imported.keyId());
        assertArrayEquals(original.publicKey().value(), imported.publicKey().value());
        // cosign keys carry no signature scheme: an RSA key comes back as cosign uses it, PKCS#1 v1.5
        KeyAlgorithm expected = algorithm == KeyAlgorithm.RSA_PSS_SHA256 ? KeyAlgorithm.RSA_PKCS1_SHA256 : algorithm;
        assertEquals(expected, imported.algorithm());
        assertTrue(jdkVerify(original.publicKey().value(), imported.algorithm(), MESSAGE,
                fresh.sign(imported.keyId(), MESSAGE)));
    }

    @Test
    void exportsThePublicKeyAsCosignPub() {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.keys().get(0);
        KeyMaterial pub = driver.exportKey(key.keyId(), KeyMaterial.PUBLIC_PEM, null);
        assertEquals(KeyMaterial.PUBLIC_PEM, pub.format());
        String pem = new String(pub.bytes(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n") && pem.endsWith("-----END PUBLIC KEY-----\n"));
        assertArrayEquals(key.publicKey().value(), Pem.publicKeyDer(pem));
    }

    @Test
    void exportsTheVectorWithTheSamePublicKeyAndANewPassword() {
        FileKeyDriver a = driver("a");
        KeyInfo key = a.importKey("harp", cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        KeyMaterial exported = a.exportKey(key.keyId(), KeyMaterial.COSIGN, "another password".toCharArray());
        assertEquals(key.keyId(), driver("b").importKey("harp", cosign(exported.bytes(), "another password")).keyId());
    }

    @Test
    void refusesAWrongPassword() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver("a").importKey("harp", cosign(CosignVectors.HARP_COSIGN_KEY, "not the password")));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertFalse(e.getMessage().contains("not the password"), "the message must not echo the password");
    }

    @Test
    void keepsNothingFromARefusedImport() throws IOException {
        FileKeyDriver driver = driver("a");
        List<KeyInfo> before = driver.keys();
        List<Path> filesBefore = files(tmp.resolve("a"));
        assertThrows(KeyDriverException.class,
                () -> driver.importKey("harp", cosign(CosignVectors.HARP_COSIGN_KEY, "wrong")));
        assertEquals(before, driver.keys());
        assertEquals(filesBefore, files(tmp.resolve("a")));
    }

    @Test
    void refusesANameThatIsTaken() {
        FileKeyDriver driver = driver("a");
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.importKey(
                FileKeyDriver.SERVICE_KEY_NAME, cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD)));
        assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("'" + FileKeyDriver.SERVICE_KEY_NAME + "'"), e.getMessage());
    }

    @Test
    void refusesAKeyItAlreadyHoldsNamingTheExistingKey() {
        FileKeyDriver driver = driver("a");
        KeyInfo first = driver.importKey("first", cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.importKey("second",
                cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD)));
        assertEquals(KeyDriverException.NAME_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("already held as 'first'") && e.getMessage().contains(first.keyId()),
                e.getMessage());
    }

    @Test
    void refusesAnEmptyExportPassword() {
        FileKeyDriver driver = driver("a");
        String keyId = driver.keys().get(0).keyId();
        for (char[] password : new char[][] {new char[0], null}) {
            KeyDriverException e = assertThrows(KeyDriverException.class,
                    () -> driver.exportKey(keyId, KeyMaterial.COSIGN, password));
            assertEquals(KeyDriverException.INVALID_INPUT, e.code());
            assertTrue(e.getMessage().contains("non-empty password"), e.getMessage());
        }
    }

    @Test
    void refusesToExportAKeyItDoesNotHold() {
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver("a").exportKey("00".repeat(32), KeyMaterial.COSIGN, PASSWORD.toCharArray()));
        assertEquals(KeyDriverException.NOT_FOUND, e.code());
    }

    @Test
    void refusesFormatsItDoesNotSpeak() {
        FileKeyDriver driver = driver("a");
        String keyId = driver.keys().get(0).keyId();
        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> driver.exportKey(keyId, "pkcs12", PASSWORD.toCharArray())).code());
        assertEquals(KeyDriverException.UNSUPPORTED_OPERATION, assertThrows(KeyDriverException.class,
                () -> driver.importKey("pub", new KeyMaterial(KeyMaterial.PUBLIC_PEM,
                        CosignVectors.HARP_COSIGN_PUB.getBytes(StandardCharsets.US_ASCII), null))).code());
    }

    @Test
    void refusesRsaKeysBelow2048Bits() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(1024);
        KeyDriverException e = importForeign(gen.generateKeyPair());
        assertEquals(KeyDriverException.UNSUPPORTED_ALGORITHM, e.code());
        assertTrue(e.getMessage().contains("1024 bits is too weak"), e.getMessage());
    }

    @Test
    void refusesEcKeysOnCurvesItDoesNotSupport() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        gen.initialize(new ECGenParameterSpec("secp256k1"));
        KeyDriverException e = importForeign(gen.generateKeyPair());
        assertEquals(KeyDriverException.UNSUPPORTED_ALGORITHM, e.code());
        assertTrue(e.getMessage().contains("secp256k1"), e.getMessage());
    }

    @Test
    void refusesAnEncryptedPayloadThatIsNotAPrivateKey() {
        byte[] file = CosignKeyFile.encrypt("not a key".getBytes(StandardCharsets.US_ASCII), PASSWORD.toCharArray(),
                new SecureRandom());
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver("a").importKey("x", cosign(file, PASSWORD)));
        assertEquals(KeyDriverException.INVALID_INPUT, e.code());
        assertTrue(e.getMessage().contains("not a PKCS#8 private key"), e.getMessage());
    }

    @Test
    void clearsTheImportPasswordOnceUsed() {
        char[] password = CosignVectors.HARP_PASSWORD.toCharArray();
        driver("a").importKey("harp", new KeyMaterial(KeyMaterial.COSIGN,
                CosignVectors.HARP_COSIGN_KEY.getBytes(StandardCharsets.US_ASCII), password));
        assertArrayEquals(new char[password.length], password);
    }

    @Test
    void writesImportedKeysOwnerOnlyAndAtomically() throws IOException {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.importKey("harp", cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        Path file = tmp.resolve("a").resolve(key.keyId() + KeyFileCodec.SUFFIX);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(files(tmp.resolve("a")).stream()
                .noneMatch(p -> p.getFileName().toString().startsWith(SecureFiles.TEMP_PREFIX)));
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).contains("PRIVATE KEY"));
    }

    @Test
    void ignoresAnImportInterruptedBeforeItsRenameOnTheNextStart() throws IOException {
        FileKeyDriver driver = driver("a");
        KeyInfo key = driver.importKey("harp", cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD));
        Path keyFile = tmp.resolve("a").resolve(key.keyId() + KeyFileCodec.SUFFIX);
        byte[] content = Files.readAllBytes(keyFile);
        // the state a crash leaves between writing the temporary file and renaming it: a half-written temporary
        Files.delete(keyFile);
        Path debris = tmp.resolve("a").resolve(SecureFiles.TEMP_PREFIX + "123.part");
        Files.write(debris, Arrays.copyOf(content, content.length / 2));
        FileKeyDriver again = driver("a");
        assertTrue(again.key(key.keyId()).isEmpty());
        assertFalse(Files.exists(debris));
        assertEquals(key.keyId(), again.importKey("harp",
                cosign(CosignVectors.HARP_COSIGN_KEY, CosignVectors.HARP_PASSWORD)).keyId());
    }

    @Test
    void advertisesCosignImportAndExport() {
        KeyDriverCapabilities caps = driver("a").capabilities();
        assertTrue(caps.exportable());
        assertEquals(Set.of(KeyMaterial.COSIGN), caps.importFormats());
        assertEquals(Set.of(KeyMaterial.COSIGN, KeyMaterial.PUBLIC_PEM), caps.exportFormats());
        assertEquals(EnumSet.complementOf(EnumSet.of(KeyAlgorithm.WEBAUTHN_ES256)),
                EnumSet.copyOf(caps.algorithms()));
    }

    private KeyDriverException importForeign(KeyPair pair) {
        byte[] file = CosignKeyFile.encrypt(pair.getPrivate().getEncoded(), PASSWORD.toCharArray(),
                new SecureRandom());
        return assertThrows(KeyDriverException.class, () -> driver("a").importKey("foreign", cosign(file, PASSWORD)));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Verifies with the JDK's own providers, independent of the driver's BouncyCastle code. */
    static boolean jdkVerify(byte[] spki, KeyAlgorithm algorithm, byte[] message, byte[] signature) {
        try {
            X509EncodedKeySpec spec = new X509EncodedKeySpec(spki);
            PublicKey pub;
            Signature s;
            switch (algorithm) {
                case ECDSA_P256_SHA256, ECDSA_P384_SHA384 -> {
                    pub = KeyFactory.getInstance("EC").generatePublic(spec);
                    s = Signature.getInstance(algorithm == KeyAlgorithm.ECDSA_P256_SHA256
                            ? "SHA256withECDSA" : "SHA384withECDSA");
                }
                case ED25519 -> {
                    pub = KeyFactory.getInstance("Ed25519").generatePublic(spec);
                    s = Signature.getInstance("Ed25519");
                }
                case RSA_PKCS1_SHA256 -> {
                    pub = KeyFactory.getInstance("RSA").generatePublic(spec);
                    s = Signature.getInstance("SHA256withRSA");
                }
                case RSA_PSS_SHA256 -> {
                    pub = KeyFactory.getInstance("RSA").generatePublic(spec);
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> throw new IllegalStateException(algorithm.name());
            }
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
