package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.KeyState;

class FileKeyDriverTest {

    private static final byte[] MESSAGE = "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("keys");
    }

    @Test
    void createsAnEcdsaP256ServiceKeyOnFirstStart() {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        List<KeyInfo> keys = driver.keys();
        assertEquals(1, keys.size());
        KeyInfo service = keys.get(0);
        assertEquals(FileKeyDriver.SERVICE_KEY_NAME, service.name());
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, service.algorithm());
        assertEquals(KeyState.ACTIVE, service.state());
    }

    @Test
    void reusesTheServiceKeyOnTheSecondStart() throws IOException {
        KeyInfo first = new FileKeyDriver(dir(), null).keys().get(0);
        FileKeyDriver again = new FileKeyDriver(dir(), null);
        assertEquals(List.of(first), again.keys());
        assertEquals(1, keyFiles().size());
    }

    @Test
    void namesItselfFileAsTheDriverPropertyPromises() {
        assertEquals("file", new FileKeyDriver(dir(), null).name());
        assertEquals("attestor.key.driver", KeyDriver.DRIVER_PROPERTY);
    }

    @Test
    void keyIdIsTheHexSha256OfTheSubjectPublicKeyInfo() throws Exception {
        KeyInfo key = new FileKeyDriver(dir(), null).keys().get(0);
        byte[] spki = key.publicKey().value();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)), key.keyId());
    }

    @Test
    void keepsTheDirectoryAndEveryFileOwnerOnly() throws IOException {
        new FileKeyDriver(dir(), null);
        assertEquals("rwx------", perms(dir()));
        assertEquals("rw-------", perms(dir().resolve(KeyEncryptionKey.KEK_FILE)));
        for (Path file : keyFiles()) {
            assertEquals("rw-------", perms(file));
        }
    }

    @Test
    void tightensAnExistingDirectoryToOwnerOnly() throws IOException {
        Files.createDirectories(dir());
        Files.setPosixFilePermissions(dir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        new FileKeyDriver(dir(), null);
        assertEquals("rwx------", perms(dir()));
    }

    @Test
    void storesNoPlaintextPrivateKeyWhenSealedWithTheGeneratedKeyFile() throws Exception {
        KeyInfo key = new FileKeyDriver(dir(), null).keys().get(0);
        byte[] kek = Files.readAllBytes(dir().resolve(KeyEncryptionKey.KEK_FILE));
        assertNoPlaintextKey(key, kek);
    }

    @Test
    void storesNoPlaintextPrivateKeyWhenSealedWithAPassphrase() throws Exception {
        KeyInfo key = new FileKeyDriver(dir(), "correct horse battery staple".toCharArray()).keys().get(0);
        Map<String, String> params = FlatJson.read(Files.readString(dir().resolve(KeyEncryptionKey.PARAMS_FILE)));
        assertEquals(List.of("scrypt", "32768", "8", "1"),
                List.of(params.get("kdf"), params.get("n"), params.get("r"), params.get("p")));
        byte[] kek = SCrypt.generate("correct horse battery staple".getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(params.get("salt")), 1 << 15, 8, 1, 32);
        assertNoPlaintextKey(key, kek);
        assertFalse(Files.exists(dir().resolve(KeyEncryptionKey.KEK_FILE)));
    }

    /** Opens the key file with an independent AES-GCM implementation, then looks for the secret in the file. */
    private void assertNoPlaintextKey(KeyInfo key, byte[] kek) throws Exception {
        byte[] file = Files.readAllBytes(keyFile(key));
        Map<String, String> json = FlatJson.read(new String(file, StandardCharsets.UTF_8));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = Base64.getDecoder().decode(json.get("nonce"));
        assertEquals(12, nonce.length);
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(key.keyId().getBytes(StandardCharsets.US_ASCII));
        byte[] pkcs8 = gcm.doFinal(Base64.getDecoder().decode(json.get("encryptedPrivateKey")));

        PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(privateKey);
        s.update(MESSAGE);
        assertTrue(jdkVerify(key, MESSAGE, s.sign()), "the sealed secret is the key's private key");

        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertFalse(indexOf(file, pkcs8) >= 0, "raw PKCS#8 in the file");
        assertFalse(text.contains(Base64.getEncoder().encodeToString(pkcs8)), "base64 PKCS#8 in the file");
        assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(pkcs8)), "hex PKCS#8 in the file");
        assertFalse(text.contains("PRIVATE KEY"), "PEM private key in the file");
    }

    @Test
    void refusesAWrongPassphraseWithAClearError() {
        new FileKeyDriver(dir(), "correct horse battery staple".toCharArray());
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> new FileKeyDriver(dir(), "Tr0ub4dor&3".toCharArray()));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().startsWith("wrong key passphrase"), e.getMessage());
        assertFalse(e.getMessage().contains("Tr0ub4dor"), "the message must not echo the passphrase");
    }

    @Test
    void reopensPassphraseProtectedKeysWithTheSamePassphrase() {
        KeyInfo first = new FileKeyDriver(dir(), "correct horse".toCharArray()).keys().get(0);
        assertEquals(List.of(first), new FileKeyDriver(dir(), "correct horse".toCharArray()).keys());
    }

    @Test
    void refusesToStartWithoutThePassphraseThatProtectsTheKeys() {
        new FileKeyDriver(dir(), "correct horse".toCharArray());
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir(), null));
        assertTrue(e.getMessage().contains("protected by a passphrase"), e.getMessage());
    }

    @Test
    void refusesDamagedScryptParametersWithAClearError() throws IOException {
        new FileKeyDriver(dir(), "correct horse".toCharArray());
        Files.writeString(dir().resolve(KeyEncryptionKey.PARAMS_FILE), "{\"kdf\": \"scrypt\", \"n\": \"lots\"}");
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> new FileKeyDriver(dir(), "correct horse".toCharArray()));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void refusesAPassphraseWhenTheKeysAreSealedWithTheGeneratedKeyFile() {
        new FileKeyDriver(dir(), null);
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> new FileKeyDriver(dir(), "correct horse".toCharArray()));
        assertTrue(e.getMessage().contains("generated key file"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = "WEBAUTHN_ES256", mode = EnumSource.Mode.EXCLUDE)
    void signaturesVerifyWithThePublicKeyForEveryAlgorithm(KeyAlgorithm algorithm) throws Exception {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo key = driver.createKey("k-" + algorithm, algorithm);
        assertEquals(algorithm, key.algorithm());
        byte[] signature = driver.sign(key.keyId(), MESSAGE);
        assertTrue(jdkVerify(key, MESSAGE, signature));
        assertFalse(jdkVerify(key, "another message".getBytes(StandardCharsets.UTF_8), signature));
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
    void ecdsaSignaturesAreAsn1Der(KeyAlgorithm algorithm) {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo key = driver.createKey("ec", algorithm);
        byte[] sig = driver.sign(key.keyId(), MESSAGE);
        assertEquals(0x30, sig[0] & 0xff, "DER SEQUENCE");
        assertEquals(sig.length - 2, sig[1] & 0xff, "DER length covers the rest");
    }

    @Test
    void keepsCreatedKeysAcrossRestarts() {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo ed = driver.createKey("release-signing", KeyAlgorithm.ED25519);
        FileKeyDriver again = new FileKeyDriver(dir(), null);
        assertEquals(driver.keys(), again.keys());
        assertTrue(jdkVerify(ed, MESSAGE, again.sign(ed.keyId(), MESSAGE)));
    }

    @Test
    void refusesToLoadAKeyWhoseCiphertextWasAltered() throws IOException {
        KeyInfo key = new FileKeyDriver(dir(), null).keys().get(0);
        rewriteMember(keyFile(key), "encryptedPrivateKey", bytes -> bytes[bytes.length / 2] ^= 0x01);
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir(), null));
        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
        assertTrue(e.getMessage().contains("AES-GCM tag"), e.getMessage());
    }

    @Test
    void refusesToLoadAKeyWhoseNonceWasAltered() throws IOException {
        KeyInfo key = new FileKeyDriver(dir(), null).keys().get(0);
        rewriteMember(keyFile(key), "nonce", bytes -> bytes[0] ^= 0x01);
        assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir(), null));
    }

    @Test
    void refusesASealedKeyMovedIntoAnotherKeysFile() throws IOException {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo service = driver.keys().get(0);
        KeyInfo other = driver.createKey("other", KeyAlgorithm.ECDSA_P256_SHA256);
        Map<String, String> donor = FlatJson.read(Files.readString(keyFile(other)));
        Map<String, String> victim = new java.util.LinkedHashMap<>(FlatJson.read(Files.readString(keyFile(service))));
        victim.put("nonce", donor.get("nonce"));
        victim.put("encryptedPrivateKey", donor.get("encryptedPrivateKey"));
        Files.writeString(keyFile(service), FlatJson.write(victim));
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir(), null));
        assertTrue(e.getMessage().contains("AES-GCM tag"), e.getMessage());
    }

    @Test
    void refusesAKeyFileWhosePublicKeyWasSwapped() throws IOException {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo service = driver.keys().get(0);
        KeyInfo other = driver.createKey("other", KeyAlgorithm.ECDSA_P256_SHA256);
        Map<String, String> victim = new java.util.LinkedHashMap<>(FlatJson.read(Files.readString(keyFile(service))));
        victim.put("publicKey", Pem.publicKey(other.publicKey().value()));
        Files.writeString(keyFile(service), FlatJson.write(victim));
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> new FileKeyDriver(dir(), null));
        assertTrue(e.getMessage().contains("key id does not match"), e.getMessage());
    }

    @Test
    void refusesASecondKeyWithTheSameName() {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyDriverException e = assertThrows(KeyDriverException.class,
                () -> driver.createKey(FileKeyDriver.SERVICE_KEY_NAME, KeyAlgorithm.ED25519));
        assertEquals(FileKeyDriver.NAME_CONFLICT, e.code());
    }

    @Test
    void refusesToSignWithAnUnknownKey() {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyDriverException e = assertThrows(KeyDriverException.class, () -> driver.sign("00".repeat(32), MESSAGE));
        assertEquals(KeyDriverException.NOT_FOUND, e.code());
    }

    @Test
    void findsAKeyById() {
        FileKeyDriver driver = new FileKeyDriver(dir(), null);
        KeyInfo service = driver.keys().get(0);
        assertEquals(service, driver.key(service.keyId()).orElseThrow());
        assertTrue(driver.key("ff".repeat(32)).isEmpty());
    }

    @Test
    void advertisesEverySoftwareAlgorithmAndNoHardwareOrHumanPresence() {
        var caps = new FileKeyDriver(dir(), null).capabilities();
        assertEquals(java.util.EnumSet.of(KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P384_SHA384,
                KeyAlgorithm.ED25519, KeyAlgorithm.RSA_PKCS1_SHA256, KeyAlgorithm.RSA_PSS_SHA256),
                java.util.EnumSet.copyOf(caps.algorithms()));
        assertFalse(caps.hardwareBacked());
        assertFalse(caps.humanPresence());
    }

    @Test
    void removesTemporaryFilesLeftByAnInterruptedWrite() throws IOException {
        new FileKeyDriver(dir(), null);
        Path debris = dir().resolve(SecureFiles.TEMP_PREFIX + "42.part");
        Files.write(debris, new byte[] {1, 2});
        new FileKeyDriver(dir(), null);
        assertFalse(Files.exists(debris));
    }

    @Test
    void writesKeyFilesAsDocumentedJson() throws IOException {
        KeyInfo key = new FileKeyDriver(dir(), null).keys().get(0);
        Map<String, String> json = FlatJson.read(Files.readString(keyFile(key)));
        assertEquals(List.of("format", "keyId", "name", "algorithm", "createdAt", "state", "publicKey", "encryption",
                "nonce", "encryptedPrivateKey"), List.copyOf(json.keySet()));
        assertEquals(key.keyId(), json.get("keyId"));
        assertArrayEquals(key.publicKey().value(), Pem.publicKeyDer(json.get("publicKey")));
        assertTrue(json.get("publicKey").startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }

    private static boolean jdkVerify(KeyInfo key, byte[] message, byte[] signature) {
        try {
            X509EncodedKeySpec spec = new X509EncodedKeySpec(key.publicKey().value());
            Signature s;
            PublicKey pub;
            switch (key.algorithm()) {
                case ECDSA_P256_SHA256 -> {
                    pub = KeyFactory.getInstance("EC").generatePublic(spec);
                    s = Signature.getInstance("SHA256withECDSA");
                }
                case ECDSA_P384_SHA384 -> {
                    pub = KeyFactory.getInstance("EC").generatePublic(spec);
                    s = Signature.getInstance("SHA384withECDSA");
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
                default -> throw new IllegalStateException(key.algorithm().name());
            }
            s.initVerify(pub);
            s.update(message);
            return s.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private void rewriteMember(Path file, String member, java.util.function.Consumer<byte[]> damage)
            throws IOException {
        Map<String, String> json = new java.util.LinkedHashMap<>(FlatJson.read(Files.readString(file)));
        byte[] bytes = Base64.getDecoder().decode(json.get(member));
        damage.accept(bytes);
        json.put(member, Base64.getEncoder().encodeToString(bytes));
        Files.writeString(file, FlatJson.write(json));
    }

    private Path keyFile(KeyInfo key) {
        Path file = dir().resolve(key.keyId() + KeyFileCodec.SUFFIX);
        assertTrue(Files.isRegularFile(file), "key file " + file);
        return file;
    }

    private List<Path> keyFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(KeyFileCodec.SUFFIX)).collect(Collectors.toList());
        }
    }

    private static String perms(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        assertNotNull(needle);
        return -1;
    }
}
