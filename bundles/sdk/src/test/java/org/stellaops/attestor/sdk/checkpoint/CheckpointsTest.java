package org.stellaops.attestor.sdk.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

class CheckpointsTest {

    private static final String ORIGIN = "attestor.example/log";
    private static final byte[] ROOT = Rfc6962.leafHash(new byte[] {7});

    private static String signed(String body) {
        return Notes.sign(body, List.of(NoteKeys.signer(ORIGIN, TestKeys.ED25519.getPrivate())));
    }

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    @Test
    void bodyHasOriginSizeAndBase64Root() {
        assertEquals(ORIGIN + "\n12\n" + java.util.Base64.getEncoder().encodeToString(ROOT) + "\n",
                Checkpoints.body(ORIGIN, 12, ROOT));
    }

    @Test
    void parsesWhatTheLogSigned() {
        String note = signed(Checkpoints.body(ORIGIN, 12, ROOT));
        Checkpoint cp = Checkpoints.parse(note);
        assertEquals(ORIGIN, cp.origin());
        assertEquals(12, cp.size());
        assertArrayEquals(ROOT, cp.rootHash().value());
        assertEquals(List.of(), cp.extensions());
        assertEquals(note, cp.signedNote());
        assertEquals(Checkpoints.body(ORIGIN, 12, ROOT), cp.body());
    }

    @Test
    void keepsExtensionLines() {
        Checkpoint cp = Checkpoints.parse(signed(Checkpoints.body(ORIGIN, 0, ROOT) + "Timestamp: 1\n"));
        assertEquals(List.of("Timestamp: 1"), cp.extensions());
    }

    @Test
    void parseVerifiedAcceptsTheLogKeyNamedLikeTheOrigin() {
        String note = signed(Checkpoints.body(ORIGIN, 3, ROOT));
        NoteVerifier log = NoteKeys.ed25519Verifier(ORIGIN, TestKeys.ED25519.getPublic());
        assertEquals(3, Checkpoints.parseVerified(note, List.of(log)).size());
    }

    @Test
    void parseVerifiedRejectsANoteOnlyAWitnessSigned() {
        String note = Notes.sign(Checkpoints.body(ORIGIN, 3, ROOT),
                List.of(NoteKeys.signer("witness.example", TestKeys.P256.getPrivate())));
        NoteVerifier witness = NoteKeys.ecdsaVerifier("witness.example", TestKeys.P256.getPublic());
        assertEquals("note.unverified", code(() -> Checkpoints.parseVerified(note, List.of(witness))));
    }

    @Test
    void rejectsMalformedCheckpointText() {
        String root = java.util.Base64.getEncoder().encodeToString(ROOT);
        for (String body : List.of(ORIGIN + "\n12\n", "\n12\n" + root + "\n", ORIGIN + "\n012\n" + root + "\n",
                ORIGIN + "\n-1\n" + root + "\n", ORIGIN + "\n1x\n" + root + "\n",
                ORIGIN + "\n99999999999999999999\n" + root + "\n", ORIGIN + "\n12\nAAAA\n",
                ORIGIN + "\n12\n" + root.replace("=", "") + "\n", ORIGIN + "\n12\n" + root + "\n\next\n")) {
            assertEquals("checkpoint.malformed", code(() -> Checkpoints.parse(signed(body))), body);
        }
        assertEquals("checkpoint.malformed", code(() -> Checkpoints.parse("not a note")));
    }

    @Test
    void ecdsaLogIdIsHexSha256OfSpki() {
        assertEquals(HexFormat.of().formatHex(Hashing.sha256(TestKeys.P256.getPublic().getEncoded())),
                Checkpoints.logIdEcdsa(TestKeys.P256.getPublic()));
    }

    @Test
    void ed25519LogIdMatchesRekorV2ProductionLog() {
        PublicKey key = PublicKeys.parseSpki(Base64.getDecoder().decode(
                "MCowBQYDK2VwAyEAt8rlp1knGwjfbcXAYPYAkn0XiLz1x8O4t0YkEhie244="));
        assertEquals(HexFormat.of().formatHex(Base64.getDecoder().decode("zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=")),
                Checkpoints.logIdEd25519("log2025-1.rekor.sigstore.dev", key));
    }

    @Test
    void ed25519LogIdMatchesRekorTilesLocalTestLog() {
        PublicKey key = PublicKeys.parseSpki(Base64.getDecoder().decode(
                "MCowBQYDK2VwAyEAREvJyNZGjX6B3DAIuD3BTg9rIwV00GY8Xg5FU+IFDUQ="));
        assertEquals(HexFormat.of().formatHex(Base64.getDecoder().decode("2AtEIMfG6Y41yK0tcwRTBS2tjhOrjKGIpDkHFgp65g0=")),
                Checkpoints.logIdEd25519("rekor-local", key));
    }

    @Test
    void ed25519LogIdRefusesOtherKeys() {
        assertEquals("key.unsupported_algorithm",
                code(() -> Checkpoints.logIdEd25519("o", TestKeys.P256.getPublic())));
    }

    @Test
    void bodyRefusesInvalidParts() {
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.body("", 1, ROOT));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.body(ORIGIN, -1, ROOT));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.body(ORIGIN, 1, new byte[31]));
    }
}
