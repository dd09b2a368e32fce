package org.stellaops.attestor.keys.fido2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.testing.Osgi;

class Fido2ComponentTest {

    @TempDir
    Path dir;

    private Fido2Config config(Map<String, Object> overrides) {
        return Osgi.config(Fido2Config.class, overrides);
    }

    @Test
    void readsTheDocumentedDefaults() {
        Fido2Settings settings = Fido2Settings.from(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                config(Map.of()));

        assertEquals("localhost", settings.rpId());
        assertEquals("StellaOps Attestor", settings.rpName());
        assertEquals(Set.of("https://localhost:8443", "http://localhost:8080"), settings.origins());
        assertFalse(settings.requireUserVerification());
        assertEquals(Duration.ofSeconds(300), settings.ceremonyTimeout());
        assertEquals(dir.resolve("fido2").toAbsolutePath(), settings.directory());
    }

    @Test
    void keepsItsStateUnderTheDataDirectoryByDefault() {
        Fido2KeyDriver driver = new Fido2KeyDriver(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                config(Map.of()));

        assertEquals(dir.resolve("fido2").toAbsolutePath(), driver.directory());
        assertTrue(Files.isDirectory(dir.resolve("fido2").resolve("credentials")));
    }

    @Test
    void fallsBackToTheDataDirectoryUnderTheWorkingDirectory() {
        Fido2Settings settings = Fido2Settings.from(Osgi.context(Map.of()), config(Map.of()));

        assertEquals(Path.of("data", "fido2").toAbsolutePath().normalize(), settings.directory());
    }

    @Test
    void takesTheConfiguredDirectoryRelyingPartyAndOrigins() {
        Fido2Settings settings = Fido2Settings.from(Osgi.context(Map.of()), config(Map.of(
                "directory", dir.resolve("elsewhere").toString(), "rpId", "attestor.example.com",
                "origins", new String[] {"https://attestor.example.com"}, "requireUserVerification", true,
                "ceremonyTimeoutSeconds", 60)));

        assertEquals(dir.resolve("elsewhere").toAbsolutePath(), settings.directory());
        assertEquals("attestor.example.com", settings.rpId());
        assertEquals(Set.of("https://attestor.example.com"), settings.origins());
        assertTrue(settings.requireUserVerification());
        assertEquals(Duration.ofSeconds(60), settings.ceremonyTimeout());
    }

    @Test
    void refusesAnRpIdWithASchemeOrNoOrigins() {
        assertThrows(IllegalArgumentException.class, () -> Fido2Settings.from(Osgi.context(Map.of()),
                config(Map.of("rpId", "https://localhost"))));
        assertThrows(IllegalArgumentException.class, () -> Fido2Settings.from(Osgi.context(Map.of()),
                config(Map.of("origins", new String[0]))));
    }

    @Test
    void theVerifierComponentSeesTheCredentialsTheDriverComponentRegistered() {
        Map<String, String> framework = Map.of("attestor.data.dir", dir.toString());
        Fido2KeyDriver driver = new Fido2KeyDriver(Osgi.context(framework), config(Map.of()));
        Fido2SignatureVerifier verifier = new Fido2SignatureVerifier(Osgi.context(framework), config(Map.of()));
        Fido2TestBed bed = new Fido2TestBed(dir.resolve("fido2"));
        bed.driver = driver;
        bed.verifier = verifier;
        SoftwareAuthenticator authenticator = bed.authenticator();
        KeyInfo key = bed.register(Fido2TestBed.ALICE, "key", authenticator);

        byte[] signature = bed.sign(Fido2TestBed.ALICE, key, Fido2TestBed.MESSAGE, authenticator);

        assertTrue(verifier.verify(key, Fido2TestBed.MESSAGE, signature));
    }
}
