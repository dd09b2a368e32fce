package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;

/** The previousKeys / publicKeyValidFrom / revokedKeys settings of a remote log. */
class KeyVersionsTest {

    private static final Path ROOT = Path.of("data", "tlog-rekor");
    private static final KeyPair OLDEST = Keys.p256();
    private static final KeyPair OLD = Keys.ed25519();
    private static final KeyPair CURRENT = Keys.p256();
    private static final String T1 = "2025-01-01T00:00:00Z";
    private static final String T2 = "2025-07-01T00:00:00Z";
    private static final String T3 = "2026-01-01T00:00:00Z";

    private static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("kind", "rekor-v2");
        config.put("url", "https://log.example/");
        config.put("readUrl", "https://log.example/api/v2");
        config.put("origin", "log.example");
        config.put("publicKey", PublicKeys.toPem(CURRENT.getPublic()));
        config.put("previousKeys", new String[] {T1 + "|" + T2 + "|" + PublicKeys.toPem(OLDEST.getPublic()),
                T2 + "|" + T3 + "|" + NoteKeys.verifierKey("log.example", OLD.getPublic())});
        return config;
    }

    private static RekorSettings settings(Map<String, Object> config) {
        return RekorSettings.from(TestConfigs.of(config), ROOT, null);
    }

    @Test
    void listsThePreviousKeysOldestFirstAndTheCurrentKeyLast() {
        KeyVersions versions = settings(config()).keyVersions();
        assertEquals(3, versions.versions().size());
        LogKeyVersion first = versions.versions().get(0);
        assertEquals(new LogKeyVersion(1, Checkpoints.logIdEcdsa(OLDEST.getPublic()), PublicKeys.toPem(OLDEST.getPublic()),
                NoteKeys.verifierKey("log.example", OLDEST.getPublic()), Instant.parse(T1), Instant.parse(T2), null, null),
                first);
        assertEquals(Checkpoints.logIdEd25519("log.example", OLD.getPublic()), versions.versions().get(1).logId());
        LogKeyVersion current = versions.versions().get(2);
        assertEquals(Checkpoints.logIdEcdsa(CURRENT.getPublic()), current.logId());
        assertEquals(Instant.parse(T3), current.validFrom());
        assertNull(current.retiredAt());
        assertEquals(KeyState.RETIRED, first.state(Instant.parse(T3)));
    }

    @Test
    void takesTheCurrentKeysStartFromTheConfigurationWhenGiven() {
        Map<String, Object> config = config();
        config.put("publicKeyValidFrom", "2025-12-24T00:00:00Z");
        assertEquals(Instant.parse("2025-12-24T00:00:00Z"), settings(config).keyVersions().versions().get(2).validFrom());
        config.remove("previousKeys");
        config.remove("publicKeyValidFrom");
        assertEquals(Instant.EPOCH, settings(config).keyVersions().versions().get(0).validFrom());
    }

    @Test
    void revokesAPreviousKeyByItsLogId() {
        Map<String, Object> config = config();
        String oldestId = Checkpoints.logIdEcdsa(OLDEST.getPublic());
        config.put("revokedKeys", new String[] {oldestId.toUpperCase() + "|2026-02-01T00:00:00Z|found in a public repo"});
        KeyVersions versions = settings(config).keyVersions();
        LogKeyVersion revoked = versions.versions().get(0);
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), revoked.revokedAt());
        assertEquals("found in a public repo", revoked.revocationReason());
        assertTrue(versions.verifiable(oldestId).isEmpty());
        assertTrue(versions.verifiable(Checkpoints.logIdEcdsa(CURRENT.getPublic())).isPresent());
    }

    @Test
    void refusesToRevokeTheCurrentKeyOrAnUnknownOne() {
        Map<String, Object> config = config();
        config.put("revokedKeys", new String[] {Checkpoints.logIdEcdsa(CURRENT.getPublic()) + "|" + T3 + "|oops"});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
        config.put("revokedKeys", new String[] {"ab".repeat(32) + "|" + T3 + "|typo"});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
        config.put("revokedKeys", new String[] {Checkpoints.logIdEcdsa(OLDEST.getPublic()) + "|yesterday|no time"});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
    }

    @Test
    void refusesMalformedOrUnorderedPreviousKeys() {
        Map<String, Object> config = config();
        config.put("previousKeys", new String[] {PublicKeys.toPem(OLDEST.getPublic())});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
        config.put("previousKeys", new String[] {T2 + "|" + T1 + "|" + PublicKeys.toPem(OLDEST.getPublic())});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
        config.put("previousKeys", new String[] {T2 + "|" + T3 + "|" + PublicKeys.toPem(OLDEST.getPublic()),
                T1 + "|" + T2 + "|" + PublicKeys.toPem(CURRENT.getPublic())});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
        config.put("previousKeys", new String[] {T1 + "|" + T2 + "|not a key"});
        assertThrows(IllegalArgumentException.class, () -> settings(config));
    }

    @Test
    void refusesAnEd25519PreviousKeyForRekorV1() {
        Map<String, Object> config = config();
        config.put("kind", "rekor-v1");
        assertThrows(IllegalArgumentException.class, () -> settings(config));
    }

    @Test
    void namesTheStateDirectoryOfAnUnnamedConfigurationAfterTheOldestKey() {
        String oldestId = Checkpoints.logIdEcdsa(OLDEST.getPublic());
        assertEquals(ROOT.resolve("rekor-v2-" + oldestId.substring(0, 16)), settings(config()).stateDirectory());
    }
}
