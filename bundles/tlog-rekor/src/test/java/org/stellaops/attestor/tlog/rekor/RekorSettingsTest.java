package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

class RekorSettingsTest {

    private static final KeyPair LOG_KEY = Keys.p256();
    private static final Path ROOT = Path.of("data", "tlog-rekor");

    private static Map<String, Object> v2() {
        Map<String, Object> config = new HashMap<>();
        config.put("kind", "rekor-v2");
        config.put("url", "https://log.example/");
        config.put("readUrl", "https://log.example/api/v2");
        config.put("origin", "log.example");
        config.put("publicKey", PublicKeys.toPem(LOG_KEY.getPublic()));
        return config;
    }

    private static RekorSettings settings(Map<String, Object> config, String name) {
        return RekorSettings.from(TestConfigs.of(config), ROOT, name);
    }

    @Test
    void normalisesTheUrlsAndAppliesTheDefaults() {
        RekorSettings s = settings(v2(), "sigstore");
        assertEquals("https://log.example", s.url().toString());
        assertEquals("https://log.example/api/v2/", s.readUrl().toString());
        assertEquals(Duration.ofMillis(20_000), s.timeout());
        assertFalse(s.v1Intoto());
        assertTrue(s.isV2());
        assertEquals(ROOT.resolve("sigstore"), s.stateDirectory());
    }

    @Test
    void namesTheStateDirectoryOfAnUnnamedConfigurationAfterKindAndLogId() {
        RekorSettings s = settings(v2(), null);
        String logId = Checkpoints.logIdEcdsa(LOG_KEY.getPublic());
        assertEquals(ROOT.resolve("rekor-v2-" + logId.substring(0, 16)), s.stateDirectory());
    }

    @Test
    void keepsAConfiguredStateDirectoryAndMakesNamesSafe() {
        Map<String, Object> config = v2();
        config.put("stateDirectory", "/var/lib/attestor/sigstore");
        assertEquals(Path.of("/var/lib/attestor/sigstore"), settings(config, "x").stateDirectory());
        assertEquals(ROOT.resolve("a_b_.._c"), settings(v2(), "a/b/../c").stateDirectory());
    }

    @Test
    void usesTheJvmsCasUnlessACaFileIsConfigured() {
        assertNull(settings(v2(), "x").tls());
    }

    @Test
    void refusesACaFileWithoutCertificates(@TempDir Path dir) throws Exception {
        Map<String, Object> config = v2();
        config.put("caFile", Files.writeString(dir.resolve("ca.pem"), "not a certificate\n").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
        assertTrue(e.getMessage().startsWith("caFile: "), e.getMessage());
    }

    @Test
    void refusesAnUnknownKind() {
        Map<String, Object> config = v2();
        config.put("kind", "rekor-v3");
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
    }

    @Test
    void requiresAReadUrlForRekorV2Only() {
        Map<String, Object> config = v2();
        config.remove("readUrl");
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
        config.put("kind", "rekor-v1");
        assertEquals("https://log.example", settings(config, "x").readUrl().toString());
    }

    @Test
    void refusesATimeoutBelowOneSecond() {
        Map<String, Object> config = v2();
        config.put("timeoutMillis", 999L);
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        Map<String, Object> config = v2();
        config.put("url", "file:///etc/passwd");
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
    }

    @Test
    void refusesAnEd25519KeyForRekorV1() {
        Map<String, Object> config = v2();
        config.put("kind", "rekor-v1");
        config.put("publicKey", PublicKeys.toPem(Keys.ed25519().getPublic()));
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
    }

    @Test
    void readsTheIntotoEntryKindForRekorV1() {
        Map<String, Object> config = v2();
        config.put("kind", "rekor-v1");
        config.put("v1EntryKind", "intoto");
        assertTrue(settings(config, "x").v1Intoto());
        config.put("v1EntryKind", "dsse");
        assertThrows(IllegalArgumentException.class, () -> settings(config, "x"));
    }

    @Test
    void takesTheConfigurationNameFromANamedFactoryPid() {
        assertEquals("sigstore", RekorTransparencyLogComponent.configName("org.stellaops.attestor.tlog.rekor~sigstore"));
        assertNull(RekorTransparencyLogComponent.configName("org.stellaops.attestor.tlog.rekor.4f1c"));
        assertNull(RekorTransparencyLogComponent.configName(null));
    }
}
