package org.stellaops.attestor.sdk.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;

class CosignaturesTest {

    private static final String TEXT = Checkpoints.body("example.com/log", 42, new byte[32]);
    private static final KeyPair WITNESS = TestKeys.ED25519;
    private static final KeyPair OTHER = TestKeys.jdk("Ed25519", null);
    private static final Cosigner COSIGNER = new Cosigner("witness.example/w1", WITNESS.getPublic());
    private static final long TS = 1_700_000_000L;

    @Test
    void verifiesTheRealCosignatureOfTheRekorTilesWitness() {
        Cosigner witness = Cosigner.parseVkey(RekorTilesVectors.WITNESS_POLICY_VKEY);
        NoteSignature line = SignedNote.parse(RekorTilesVectors.CHECKPOINT).signatures().get(1);
        assertEquals(OptionalLong.of(RekorTilesVectors.WITNESS_TIMESTAMP),
                Cosignatures.verify(witness, RekorTilesVectors.CHECKPOINT_TEXT, line));
    }

    @Test
    void signedCosignatureVerifiesAndReturnsItsTimestamp() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        assertEquals(OptionalLong.of(TS), Cosignatures.verify(COSIGNER, TEXT, sig));
    }

    @Test
    void signatureBytesAreBigEndianTimestampThenEd25519SignatureOverTheCosignatureMessage() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        byte[] bytes = sig.signature();
        assertEquals(72, bytes.length);
        assertEquals(TS, ByteBuffer.wrap(bytes, 0, 8).getLong());
        byte[] message = ("cosignature/v1\ntime " + TS + "\n" + TEXT).getBytes(StandardCharsets.UTF_8);
        assertTrue(Signatures.verify(WITNESS.getPublic(), KeyAlgorithm.ED25519, message,
                Arrays.copyOfRange(bytes, 8, 72)));
        assertArrayEquals(COSIGNER.keyHint(), sig.keyHint());
    }

    @Test
    void cosignatureDoesNotVerifyUnderAnotherKeyWithTheSameName() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), OTHER.getPrivate(), TEXT, TS);
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, sig).isEmpty());
    }

    @Test
    void cosignatureDoesNotVerifyOverAnotherCheckpointText() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        String other = Checkpoints.body("example.com/log", 43, new byte[32]);
        assertTrue(Cosignatures.verify(COSIGNER, other, sig).isEmpty());
    }

    @Test
    void truncatedCosignatureDoesNotVerify() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        NoteSignature cut = new NoteSignature(sig.name(), sig.keyHint(), Arrays.copyOf(sig.signature(), 71));
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, cut).isEmpty());
    }

    @Test
    void cosignatureWithAlteredTimestampDoesNotVerify() {
        byte[] bytes = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS).signature();
        bytes[7] ^= 1;
        NoteSignature altered = new NoteSignature(COSIGNER.name(), COSIGNER.keyHint(), bytes);
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, altered).isEmpty());
    }

    @Test
    void lineWithAnotherNameIsNotTheCosignersEvenIfTheSignatureIsValid() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        NoteSignature renamed = new NoteSignature("witness.example/w2", sig.keyHint(), sig.signature());
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, renamed).isEmpty());
    }

    @Test
    void lineWithAnotherKeyHintIsNotTheCosigners() {
        NoteSignature sig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        NoteSignature rehinted = new NoteSignature(sig.name(), new byte[4], sig.signature());
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, rehinted).isEmpty());
    }

    @Test
    void validSignatureWithZeroTimestampIsNotAWitnessCosignature() {
        byte[] message = ("cosignature/v1\ntime 0\n" + TEXT).getBytes(StandardCharsets.UTF_8);
        byte[] ed = Signatures.sign(WITNESS.getPrivate(), KeyAlgorithm.ED25519, message);
        byte[] bytes = ByteBuffer.allocate(72).putLong(0).put(ed).array();
        NoteSignature zero = new NoteSignature(COSIGNER.name(), COSIGNER.keyHint(), bytes);
        assertTrue(Cosignatures.verify(COSIGNER, TEXT, zero).isEmpty());
    }

    @Test
    void signingRefusesANonPositiveTimestamp() {
        assertThrows(IllegalArgumentException.class,
                () -> Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, 0));
    }

    @Test
    void signingRefusesAnEcdsaKey() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> Cosignatures.sign("w", TestKeys.P256.getPrivate(), TEXT, TS));
        assertEquals("witness.bad_key", e.code());
    }

    @Test
    void countValidCountsDistinctWitnessesWithValidCosignatures() {
        Cosigner second = new Cosigner("witness.example/w2", OTHER.getPublic());
        Cosigner absent = new Cosigner("witness.example/w3", TestKeys.jdk("Ed25519", null).getPublic());
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P256.getPrivate())));
        note = Cosignatures.addSignatures(note, List.of(
                Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS),
                Cosignatures.sign(second.name(), OTHER.getPrivate(), TEXT, TS + 1)));
        assertEquals(2, Cosignatures.countValid(SignedNote.parse(note), List.of(COSIGNER, COSIGNER, second, absent)));
    }

    @Test
    void countValidIgnoresACosignatureThatDoesNotVerify() {
        NoteSignature forged = new NoteSignature(COSIGNER.name(), COSIGNER.keyHint(),
                Cosignatures.sign(COSIGNER.name(), OTHER.getPrivate(), TEXT, TS).signature());
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P256.getPrivate())));
        note = Cosignatures.addSignatures(note, List.of(forged));
        assertEquals(0, Cosignatures.countValid(SignedNote.parse(note), List.of(COSIGNER)));
    }

    @Test
    void addSignaturesAppendsNewLinesAfterTheExistingOnes() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P256.getPrivate())));
        NoteSignature cosig = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        SignedNote result = SignedNote.parse(Cosignatures.addSignatures(note, List.of(cosig)));
        assertEquals(TEXT, result.text());
        assertEquals(2, result.signatures().size());
        assertEquals(SignedNote.parse(note).signatures().get(0), result.signatures().get(0));
        assertEquals(cosig, result.signatures().get(1));
    }

    @Test
    void addSignaturesSkipsLinesOfKeysThatAlreadySigned() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P256.getPrivate())));
        NoteSignature first = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS);
        NoteSignature later = Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS + 60);
        String once = Cosignatures.addSignatures(note, List.of(first));
        String twice = Cosignatures.addSignatures(once, List.of(later, first));
        assertEquals(once, twice);
    }

    @Test
    void addSignaturesRejectsSomethingThatIsNotASignedNote() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> Cosignatures.addSignatures(TEXT, List.of()));
        assertEquals("note.malformed", e.code());
    }

    @Test
    void addSignaturesLeavesANoteThatStillVerifiesUnderTheLogKey() {
        String note = Notes.sign(TEXT, List.of(NoteKeys.signer("example.com/log", TestKeys.P256.getPrivate())));
        String cosigned = Cosignatures.addSignatures(note,
                List.of(Cosignatures.sign(COSIGNER.name(), WITNESS.getPrivate(), TEXT, TS)));
        assertFalse(Notes.verify(cosigned, List.of(NoteKeys.ecdsaVerifier("example.com/log",
                TestKeys.P256.getPublic()))).signatures().isEmpty());
    }
}
