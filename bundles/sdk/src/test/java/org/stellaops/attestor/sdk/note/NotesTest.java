package org.stellaops.attestor.sdk.note;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.internal.Hashing;

class NotesTest {

    private static final String TEXT = "example.com/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    @Test
    void ed25519SignedNoteVerifiesWithItsVerifier() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.ED25519.getPrivate())));
        SignedNote opened = Notes.verify(note,
                List.of(NoteKeys.ed25519Verifier("example.com/log", TestKeys.ED25519.getPublic())));
        assertEquals(TEXT, opened.text());
    }

    @Test
    void ecdsaSignedNoteVerifiesForP256AndP384() {
        for (var kp : List.of(TestKeys.P256, TestKeys.P384)) {
            String note = Notes.sign(TEXT, List.of(NoteKeys.signer("ec.example/log", kp.getPrivate())));
            assertEquals(TEXT, Notes.verify(note,
                    List.of(NoteKeys.ecdsaVerifier("ec.example/log", kp.getPublic()))).text());
        }
    }

    @Test
    void ecdsaKeyHintIsSpkiDigestPrefix() {
        NoteVerifier v = NoteKeys.ecdsaVerifier("n", TestKeys.P256.getPublic());
        assertArrayEquals(Arrays.copyOf(Hashing.sha256(TestKeys.P256.getPublic().getEncoded()), 4), v.keyHint());
    }

    @Test
    void externalEcdsaSignerProducesVerifiableNotes() {
        NoteSigner signer = NoteKeys.ecdsaSigner("hsm.example/log", TestKeys.P256.getPublic(),
                text -> Signatures.sign(TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, text));
        String note = Notes.sign(TEXT, List.of(signer));
        Notes.verify(note, List.of(NoteKeys.ecdsaVerifier("hsm.example/log", TestKeys.P256.getPublic())));
    }

    @Test
    void verifierKeyTextParsesBackToAnEquivalentVerifier() {
        String vkey = NoteKeys.verifierKey("ec.example/log", TestKeys.P256.getPublic());
        assertTrue(vkey.startsWith("ec.example/log+"));
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("ec.example/log", TestKeys.P256.getPrivate())));
        Notes.verify(note, List.of(NoteKeys.parseVerifierKey(vkey)));
    }

    @Test
    void unknownSignaturesAreIgnoredAndLeftOutOfTheResult() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("log", TestKeys.ED25519.getPrivate()),
                NoteKeys.signer("witness", TestKeys.P256.getPrivate())));
        SignedNote opened = Notes.verify(note, List.of(NoteKeys.ed25519Verifier("log", TestKeys.ED25519.getPublic())));
        assertEquals(1, opened.signatures().size());
        assertEquals("log", opened.signatures().get(0).name());
        assertEquals(2, SignedNote.parse(note).signatures().size());
    }

    @Test
    void noteSignedOnlyByUnknownKeysIsUnverified() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("log", TestKeys.ED25519.getPrivate())));
        assertEquals("note.unverified", code(() -> Notes.verify(note,
                List.of(NoteKeys.ed25519Verifier("other", TestKeys.ED25519.getPublic())))));
    }

    @Test
    void failingKnownSignatureRejectsTheWholeNoteEvenIfAnotherKnownKeyVerifies() {
        NoteSigner impostor = NoteKeys.ecdsaSigner("witness", TestKeys.P256.getPublic(),
                text -> Signatures.sign(TestKeys.P256.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                        "other text\n".getBytes(StandardCharsets.UTF_8)));
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("log", TestKeys.ED25519.getPrivate()), impostor));
        assertEquals("note.unverified", code(() -> Notes.verify(note, List.of(
                NoteKeys.ed25519Verifier("log", TestKeys.ED25519.getPublic()),
                NoteKeys.ecdsaVerifier("witness", TestKeys.P256.getPublic())))));
    }

    @Test
    void keyWithSameNameButOtherHintIsTreatedAsUnknown() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("log", TestKeys.P384.getPrivate())));
        assertEquals("note.unverified", code(() -> Notes.verify(note,
                List.of(NoteKeys.ecdsaVerifier("log", TestKeys.P256.getPublic())))));
    }

    @Test
    void parseAndFormatRoundTrip() {
        String note = Notes.sign("para one\n\npara two\n", List.of(NoteKeys.signer("k", TestKeys.ED25519.getPrivate())));
        SignedNote parsed = SignedNote.parse(note);
        assertEquals("para one\n\npara two\n", parsed.text());
        assertEquals(note, parsed.format());
    }

    @Test
    void rejectsMalformedNotes() {
        String good = Notes.sign(TEXT, List.of(NoteKeys.signer("k", TestKeys.ED25519.getPrivate())));
        String sigLine = good.substring(good.indexOf('\u2014'));
        for (String bad : List.of(good.substring(0, good.length() - 1), good.replace("=\n\n", "=\n"),
                TEXT + "\n" + sigLine.replace('\u2014', '-'), good.replace("example", "exa\u0007mple"),
                good.replace("log\n42", "log\r\n42"), good + "junk\n", good + sigLine, TEXT, TEXT + "\n",
                TEXT + "\n\u2014 k\n", TEXT + "\n\u2014 k AAAA\n", TEXT + "\n\u2014 a+b AAAAAAAA\n")) {
            assertEquals("note.malformed", code(() -> SignedNote.parse(bad)), bad);
        }
    }

    @Test
    void acceptsSixteenSignaturesButNotAnUnboundedNumber() {
        String good = Notes.sign("x\n", List.of(NoteKeys.signer("k", TestKeys.ED25519.getPrivate())));
        StringBuilder sixteen = new StringBuilder(good);
        for (int i = 0; i < 15; i++) {
            sixteen.append("\u2014 junk").append(i).append(" AAAAAAAA\n");
        }
        assertEquals(1, Notes.verify(sixteen.toString(),
                List.of(NoteKeys.ed25519Verifier("k", TestKeys.ED25519.getPublic()))).signatures().size());
        StringBuilder many = new StringBuilder(good);
        for (int i = 0; i < SignedNote.MAX_SIGNATURES; i++) {
            many.append("\u2014 junk").append(i).append(" AAAAAAAA\n");
        }
        assertEquals("note.malformed", code(() -> SignedNote.parse(many.toString())));
    }

    @Test
    void signingRefusesBadTextAndSigners() {
        NoteSigner k = NoteKeys.signer("k", TestKeys.ED25519.getPrivate());
        assertEquals("note.malformed", code(() -> Notes.sign("no newline", List.of(k))));
        assertEquals("note.malformed", code(() -> Notes.sign("bell\u0007\n", List.of(k))));
        assertEquals("note.malformed", code(() -> Notes.sign("", List.of(k))));
        assertEquals("note.malformed", code(() -> Notes.sign("x\n", List.of())));
        assertEquals("note.malformed", code(() -> Notes.sign("x\n", List.of(k, k))));
        assertEquals("note.malformed", code(() -> NoteKeys.signer("a b", TestKeys.ED25519.getPrivate())));
    }

    @Test
    void keyNamesFollowTheSpec() {
        assertTrue(NoteNames.isValid("example.com/log"));
        assertTrue(NoteNames.isValid("\u00fcn\u00efcode.example/ok"));
        for (String bad : new String[] {"", "a b", "a+b", "a\u00a0b", "a\u2003b", "a\nb", "a\u0001b", "a\ud800"}) {
            assertTrue(!NoteNames.isValid(bad), bad);
        }
    }

    @Test
    void rsaKeysCannotSignNotes() {
        assertEquals("key.unsupported_algorithm",
                code(() -> NoteKeys.signer("k", TestKeys.RSA2048.getPrivate())));
    }
}
