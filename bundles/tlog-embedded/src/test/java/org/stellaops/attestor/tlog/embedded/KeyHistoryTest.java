package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class KeyHistoryTest {

    private static final String ORIGIN = "history.test";
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    private static LogKeyVersion version(int n, PublicKey key, Instant from) {
        return new LogKeyVersion(n, LogKey.logIdOf(key), PublicKeys.toPem(key), NoteKeys.verifierKey(ORIGIN, key), from,
                null, null, null);
    }

    private static PublicKey newKey() {
        return MemoryKeyDriver.generateKeyPair().getPublic();
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        PublicKey a = newKey();
        KeyHistory history = KeyHistory.empty().rotatedTo(version(1, a, T1)).rotatedTo(version(2, newKey(), T2))
                .revoked(LogKey.logIdOf(a), T2, "lost with laptop | twice");
        history.save(dir, KeyHistory.empty());
        KeyHistory read = KeyHistory.load(dir, ORIGIN);
        assertEquals(history.versions(), read.versions());
        assertEquals(T2, read.versions().get(0).retiredAt());
        assertEquals("lost with laptop | twice", read.versions().get(0).revocationReason());
    }

    @Test
    void refusesToRewriteARecordedVersion() throws IOException {
        KeyHistory recorded = KeyHistory.empty().rotatedTo(version(1, newKey(), T1));
        recorded.save(dir, KeyHistory.empty());
        KeyHistory rewritten = KeyHistory.empty().rotatedTo(version(1, newKey(), T1));
        assertThrows(IllegalStateException.class, () -> rewritten.save(dir, recorded));
        assertThrows(IllegalStateException.class, () -> KeyHistory.empty().save(dir, recorded));
        assertEquals(recorded.versions(), KeyHistory.load(dir, ORIGIN).versions());
    }

    @Test
    void refusesAVersionWhoseLogIdIsNotItsKeys() throws NoSuchAlgorithmException {
        PublicKey a = newKey();
        String text = KeyHistory.empty().rotatedTo(version(1, a, T1)).format()
                .replace(LogKey.logIdOf(a), "00".repeat(32));
        // the checksum must be recomputed for the line check itself to be reached
        String body = text.substring(0, text.lastIndexOf("sha256="));
        String resealed = body + "sha256=" + sha256(body) + "\n";
        TransparencyLogException e = assertThrows(TransparencyLogException.class, () -> KeyHistory.parse(resealed, ORIGIN));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void refusesATruncatedFile() {
        String text = KeyHistory.empty().rotatedTo(version(1, newKey(), T1)).format();
        TransparencyLogException e = assertThrows(TransparencyLogException.class,
                () -> KeyHistory.parse(text.substring(0, text.length() - 10), ORIGIN));
        assertEquals(LogErrors.STORAGE_CORRUPT, e.code());
    }

    @Test
    void parsesRevokedKeysWithAndWithoutAReason() {
        String id = "AB".repeat(32);
        LogKeyPolicy policy = LogKeyPolicy.parse(new String[] {id + " | stolen ", "cd".repeat(32), " "},
                Clock.systemUTC());
        assertEquals(Map.of("ab".repeat(32), "stolen", "cd".repeat(32), LogKeyPolicy.DEFAULT_REASON), policy.revoked());
        assertThrows(IllegalArgumentException.class,
                () -> LogKeyPolicy.parse(new String[] {"abcd|short id"}, Clock.systemUTC()));
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
