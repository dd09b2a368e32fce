package org.stellaops.attestor.sdk.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;

class VerifierKeysTest {

    private static final String TEXT = Checkpoints.body("example.com/log", 9, new byte[32]);

    @Test
    void ed25519LogKeyOfRekorTilesVerifiesItsRealCheckpoint() {
        NoteVerifier log = VerifierKeys.parse(RekorTilesVectors.LOG_VKEY);
        SignedNote verified = Notes.verify(RekorTilesVectors.CHECKPOINT, List.of(log));
        assertEquals("rekor-local", verified.signatures().get(0).name());
    }

    @Test
    void cosignatureKeyVerifiesTheRealWitnessLineOfRekorTiles() {
        String vkey = Cosigner.parseVkey(RekorTilesVectors.WITNESS_POLICY_VKEY).vkey();
        SignedNote verified = Notes.verify(RekorTilesVectors.CHECKPOINT, List.of(VerifierKeys.parse(vkey)));
        assertEquals(List.of("rekor-witness-test"), verified.signatures().stream().map(NoteSignature::name).toList());
    }

    @Test
    void typeOneKeyDoesNotAcceptACosignatureLine() {
        NoteVerifier plain = VerifierKeys.parse(RekorTilesVectors.WITNESS_POLICY_VKEY);
        NoteSignature line = SignedNote.parse(RekorTilesVectors.CHECKPOINT).signatures().get(1);
        assertFalse(Arrays.equals(plain.keyHint(), line.keyHint()));
    }

    @Test
    void ecdsaVkeyHasTypeTwoAndTheSpkiHashAsKeyId() {
        String vkey = VerifierKeys.ecdsaVkey("example.com/log", TestKeys.P256.getPublic());
        String[] parts = vkey.split("\\+", 3);
        byte[] spki = PublicKeys.spki(TestKeys.P256.getPublic());
        assertEquals(HexFormat.of().formatHex(Arrays.copyOf(Hashing.sha256(spki), 4)), parts[1]);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        assertEquals(0x02, typed[0]);
        assertArrayEquals(spki, Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Test
    void ecdsaVkeyParsesToAVerifierOfNotesSignedByThatKey() {
        NoteVerifier v = VerifierKeys.parse(VerifierKeys.ecdsaVkey("example.com/log", TestKeys.P384.getPublic()));
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P384.getPrivate())));
        assertEquals(1, Notes.verify(note, List.of(v)).signatures().size());
    }

    @Test
    void ecdsaVkeyMatchesTheExistingNoteKeysForm() {
        assertEquals(NoteKeys.verifierKey("log", TestKeys.P256.getPublic()),
                VerifierKeys.ecdsaVkey("log", TestKeys.P256.getPublic()));
    }

    @Test
    void cosignatureVerifierAcceptsTheTimestampedSignatureBytes() {
        Cosigner c = new Cosigner("w", TestKeys.ED25519.getPublic());
        NoteSignature sig = Cosignatures.sign("w", TestKeys.ED25519.getPrivate(), TEXT, 1_700_000_000L);
        assertTrue(VerifierKeys.parse(c.vkey()).verify(TEXT.getBytes(StandardCharsets.UTF_8), sig.signature()));
    }

    @Test
    void cosignatureVerifierRejectsAPlainEd25519SignatureOfTheText() {
        Cosigner c = new Cosigner("w", TestKeys.ED25519.getPublic());
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("w", TestKeys.ED25519.getPrivate())));
        byte[] plain = SignedNote.parse(note).signatures().get(0).signature();
        assertFalse(VerifierKeys.parse(c.vkey()).verify(TEXT.getBytes(StandardCharsets.UTF_8), plain));
    }

    @Test
    void rejectsKeyWhoseIdDoesNotMatch() {
        String vkey = VerifierKeys.ecdsaVkey("log", TestKeys.P256.getPublic());
        assertBadKey(() -> VerifierKeys.parse("log+00000000+" + vkey.split("\\+", 3)[2]));
    }

    @Test
    void rejectsKeyWhoseNameWasChanged() {
        String vkey = new Cosigner("w1", TestKeys.ED25519.getPublic()).vkey();
        assertBadKey(() -> VerifierKeys.parse("w2" + vkey.substring(2)));
    }

    @Test
    void rejectsUnknownSignatureType() {
        byte[] typed = new byte[33];
        typed[0] = 0x05;
        assertBadKey(() -> VerifierKeys.parse("log+00000000+" + Base64.getEncoder().encodeToString(typed)));
    }

    @Test
    void rejectsEd25519KeyOfWrongLength() {
        byte[] typed = new byte[34];
        typed[0] = 0x01;
        assertBadKey(() -> VerifierKeys.parse("log+00000000+" + Base64.getEncoder().encodeToString(typed)));
    }

    @Test
    void rejectsEcdsaKeyThatIsNotDer() {
        byte[] typed = {0x02, 0x30, 0x03, 0x01, 0x02, 0x03};
        assertBadKey(() -> VerifierKeys.parse("log+00000000+" + Base64.getEncoder().encodeToString(typed)));
    }

    @Test
    void rejectsNameWithWhitespace() {
        String vkey = new Cosigner("w", TestKeys.ED25519.getPublic()).vkey();
        assertBadKey(() -> VerifierKeys.parse("a b" + vkey.substring(1)));
    }

    @Test
    void rejectsEmptyName() {
        String vkey = new Cosigner("w", TestKeys.ED25519.getPublic()).vkey();
        assertBadKey(() -> VerifierKeys.parse(vkey.substring(1)));
    }

    @Test
    void rejectsNonCanonicalBase64() {
        assertBadKey(() -> VerifierKeys.parse(RekorTilesVectors.LOG_VKEY + "="));
    }

    @Test
    void ecdsaVkeyRefusesAnEd25519Key() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> VerifierKeys.ecdsaVkey("log", TestKeys.ED25519.getPublic()));
        assertEquals("key.unsupported_algorithm", e.code());
    }

    private static void assertBadKey(Executable call) {
        assertEquals("note.bad_key", assertThrows(AttestorException.class, call).code());
    }
}
