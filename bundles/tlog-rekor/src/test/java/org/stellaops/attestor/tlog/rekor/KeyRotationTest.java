package org.stellaops.attestor.tlog.rekor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** A remote log that rotated its checkpoint key, seen by clients configured with the key's versions. */
class KeyRotationTest {

    private static final KeyPair SIGNER = Keys.p256();
    private static final String ROTATED = "2026-05-01T00:00:00Z";

    @TempDir
    Path dir;

    private final MemoryKeyDriver oldKey = MemoryKeyDriver.generate();
    private final MemoryKeyDriver newKey = MemoryKeyDriver.generate();
    private LogFixture fixture;
    private V2TestLog server;

    @BeforeEach
    void startLog() throws IOException {
        fixture = new LogFixture(dir);
        server = fixture.closeLater(V2TestLog.start(dir.resolve("log"), oldKey));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private static HashedRekordRequest request(String message) {
        return Keys.request(SIGNER, KeyAlgorithm.ECDSA_P256_SHA256, message);
    }

    /** The server's log reopens under the new key: a rotation, the old checkpoint handed over to the new key. */
    private void rotateServer() {
        server.swapTo(dir.resolve("log"), newKey);
        server.advertiseLogId(HexFormat.of().parseHex(Checkpoints.logIdEcdsa(newKey.publicKey())));
    }

    private Map<String, Object> rotatedConfig(boolean revokeOld) {
        Map<String, Object> config = new HashMap<>(fixture.v2Config(server, newKey.publicKey()));
        config.put("previousKeys", new String[] {"2025-01-01T00:00:00Z|" + ROTATED + "|"
                + PublicKeys.toPem(oldKey.publicKey())});
        if (revokeOld) {
            config.put("revokedKeys", new String[] {Checkpoints.logIdEcdsa(oldKey.publicKey())
                    + "|2026-05-02T00:00:00Z|key leaked"});
        }
        return config;
    }

    @Test
    void keepsAcceptingTheLogAfterItRotatedWhenThePreviousKeyIsConfigured() {
        LogEntry before = LogFixture.await(fixture.v2(fixture.v2Config(server, oldKey.publicKey())).submit(request("one")));
        rotateServer();
        RekorV2Log client = fixture.v2(rotatedConfig(false));
        LogEntry after = LogFixture.await(client.submit(request("two")));
        LogFixture.verifyV2(after, newKey.publicKey());
        assertEquals(Checkpoints.logIdEcdsa(newKey.publicKey()), after.logId());
        assertEquals(2, client.latestCheckpoint().size());
        LogDescriptor d = client.descriptor();
        assertTrue(d.acceptsLogId(before.logId()));
        assertEquals(1, d.versionFor(before.logId()).orElseThrow().version());
    }

    @Test
    void describesEveryConfiguredVersionWithItsWindow() {
        LogDescriptor d = fixture.v2(rotatedConfig(false)).descriptor();
        assertEquals(2, d.keyVersions().size());
        assertEquals(ROTATED, d.keyVersions().get(0).retiredAt().toString());
        assertEquals(ROTATED, d.currentKey().validFrom().toString(), "the current key starts when the previous retired");
        assertEquals(KeyState.ACTIVE, d.currentKey().state(d.currentKey().validFrom()));
        assertEquals(Checkpoints.logIdEcdsa(newKey.publicKey()), d.logId());
    }

    @Test
    void refusesAnAnswerNamingARevokedVersion() {
        rotateServer();
        server.advertiseLogId(HexFormat.of().parseHex(Checkpoints.logIdEcdsa(oldKey.publicKey())));
        LogFixture.failure(fixture.v2(rotatedConfig(true)).submit(request("three")), TransparencyLogException.BAD_PROOF);
    }

    @Test
    void acceptsAnAnswerNamingARetiredVersion() {
        rotateServer();
        server.advertiseLogId(HexFormat.of().parseHex(Checkpoints.logIdEcdsa(oldKey.publicKey())));
        LogEntry entry = LogFixture.await(fixture.v2(rotatedConfig(false)).submit(request("four")));
        assertEquals(Checkpoints.logIdEcdsa(oldKey.publicKey()), entry.logId());
    }

    @Test
    void refusesACheckpointSignedByARevokedVersion() {
        RekorV2Log client = fixture.v2(rotatedConfig(true));
        TransparencyLogException e = assertThrows(TransparencyLogException.class,
                client::latestCheckpoint);
        assertEquals(TransparencyLogException.BAD_PROOF, e.code());
        assertFalse(client.descriptor().acceptsLogId(Checkpoints.logIdEcdsa(oldKey.publicKey())));
    }
}
