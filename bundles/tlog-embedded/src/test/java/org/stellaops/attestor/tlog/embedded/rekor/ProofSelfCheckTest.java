package org.stellaops.attestor.tlog.embedded.rekor;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.tlog.embedded.LogSettings;
import org.stellaops.attestor.testing.MemoryKeyDriver;

class ProofSelfCheckTest {

    private static final String ORIGIN = "selfcheck.test";
    private static final Instant ROTATED = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MemoryKeyDriver oldKey = MemoryKeyDriver.generate();
    private final KeyPair newKey = MemoryKeyDriver.generateKeyPair();
    private LogEntry entry;

    @BeforeEach
    void logOneEntryUnderTheOldKey() throws Exception {
        KeyPair signer = MemoryKeyDriver.generateKeyPair();
        byte[] artifact = "artifact".getBytes(StandardCharsets.UTF_8);
        HashedRekordRequest request = new HashedRekordRequest(
                Bytes.of(MessageDigest.getInstance("SHA-256").digest(artifact)),
                Bytes.of(Signatures.sign(signer.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, artifact)),
                Bytes.of(PublicKeys.spki(signer.getPublic())), KeyAlgorithm.ECDSA_P256_SHA256);
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 16, 0, ""), oldKey)) {
            entry = log.submit(request).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private LogDescriptor rotated(boolean revokeOld) {
        String oldId = Checkpoints.logIdEcdsa(oldKey.publicKey());
        String newId = Checkpoints.logIdEcdsa(newKey.getPublic());
        LogKeyVersion v1 = new LogKeyVersion(1, oldId, PublicKeys.toPem(oldKey.publicKey()), null, Instant.EPOCH,
                ROTATED, null, null);
        LogKeyVersion v2 = new LogKeyVersion(2, newId, PublicKeys.toPem(newKey.getPublic()), null, ROTATED, null, null,
                null);
        return new LogDescriptor(newId, ORIGIN, "embedded", v2.publicKeyPem(), "",
                List.of(revokeOld ? v1.revoke(ROTATED, "compromised") : v1, v2));
    }

    @Test
    void acceptsAnEntryWhoseCheckpointARetiredVersionSigned() {
        new ProofSelfCheck(rotated(false)).verify(entry);
    }

    @Test
    void refusesAnEntryWhoseCheckpointARevokedVersionSigned() {
        ProofSelfCheck check = new ProofSelfCheck(rotated(true));
        assertThrows(AttestorException.class, () -> check.verify(entry));
    }
}
