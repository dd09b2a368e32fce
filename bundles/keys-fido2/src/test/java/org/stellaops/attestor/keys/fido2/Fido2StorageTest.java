package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyInfo;

class Fido2StorageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void storesEachCredentialInAnOwnerOnlyFileInAnOwnerOnlyDirectory() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir.resolve("fido2"));
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());
        Path credentials = dir.resolve("fido2").resolve("credentials");
        Path file = credentials.resolve(key.keyId() + ".json");

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fido2"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("fido2").resolve(CredentialStore.USER_HANDLE_KEY))));
    }

    @Test
    void keepsTheCounterUpdateInTheSameOwnerOnlyFileWithoutLeavingTemporaryFiles() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);
        Path file = dir.resolve("credentials").resolve(key.keyId() + ".json");

        bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator, bed.gesture().withCounterStep(41));

        assertEquals(42, JSON.readTree(file.toFile()).path("signatureCount").asLong());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir.resolve("credentials"))) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void recordsEverythingAboutTheCredentialInItsFile() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        JsonNode stored = JSON.readTree(dir.resolve("credentials").resolve(key.keyId() + ".json").toFile());

        assertEquals("stellaops-fido2-credential-v1", stored.path("format").asText());
        assertEquals(key.keyId(), stored.path("keyId").asText());
        assertEquals("key", stored.path("name").asText());
        assertEquals(Fido2TestBed.ALICE, stored.path("principal").asText());
        assertEquals(SoftwareAuthenticator.b64(authenticator.credentialId()), stored.path("credentialId").asText());
        assertEquals(SoftwareAuthenticator.b64(authenticator.spki()), stored.path("publicKey").asText());
        assertTrue(stored.path("publicKeyCose").asText().length() > 100);
        assertEquals(43, stored.path("userHandle").asText().length());
        assertEquals(1, stored.path("signatureCount").asLong());
        assertEquals("2026-03-01T10:00:00Z", stored.path("createdAt").asText());
        assertEquals("ACTIVE", stored.path("state").asText());
        assertEquals("usb", stored.path("transports").get(0).asText());
    }

    @Test
    void reloadsTheRegisteredCredentialsAfterARestart() {
        Fido2TestBed bed = new Fido2TestBed(dir);
        SoftwareAuthenticator alices = bed.authenticator();
        KeyInfo first = bed.register(Fido2TestBed.ALICE, "alice", alices);
        bed.clock.advance(java.time.Duration.ofMinutes(1));
        KeyInfo second = bed.register(Fido2TestBed.BOB, "bob", bed.authenticator());

        bed.restart();

        assertEquals(List.of(first, second), bed.driver.keys());
        byte[] signature = bed.sign(Fido2TestBed.ALICE, first, Fido2TestBed.MESSAGE, alices);
        assertTrue(bed.verifier.verify(first, Fido2TestBed.MESSAGE, signature));
    }

    @Test
    void removesDebrisOfAnInterruptedWriteOnStart() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());
        Path debris = dir.resolve("credentials").resolve(SecureFiles.TEMP_PREFIX + "123.part");
        Files.write(debris, "{\"half".getBytes(StandardCharsets.UTF_8));

        bed.restart();

        assertFalse(Files.exists(debris));
        assertEquals(1, bed.driver.keys().size());
    }

    @Test
    void refusesToStartWithACredentialFileWhosePublicKeyWasSwapped() throws Exception {
        Fido2TestBed bed = new Fido2TestBed(dir);
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", bed.authenticator());
        Path file = dir.resolve("credentials").resolve(key.keyId() + ".json");
        String swapped = Files.readString(file).replace(SoftwareAuthenticator.b64(key.publicKey().value()),
                SoftwareAuthenticator.b64(bed.authenticator().spki()));
        Files.writeString(file, swapped);

        KeyDriverException e = assertThrows(KeyDriverException.class, bed::restart);

        assertEquals(KeyDriverException.DRIVER_FAILURE, e.code());
    }
}
