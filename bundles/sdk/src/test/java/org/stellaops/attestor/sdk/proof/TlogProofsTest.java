package org.stellaops.attestor.sdk.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

class TlogProofsTest {

    private static final String ORIGIN = "attestor.test/log";
    private static final int SIZE = 13;
    private static final int INDEX = 6;
    private static KeyPair logKey;
    private static List<byte[]> leaves;
    private static String checkpoint;

    @BeforeAll
    static void buildASignedTree() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        logKey = generator.generateKeyPair();
        leaves = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            leaves.add(Rfc6962.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] root = ProofBuilder.root(SIZE, TlogProofsTest::subtree);
        checkpoint = Notes.sign(Checkpoints.body(ORIGIN, SIZE, root),
                List.of(NoteKeys.signer(ORIGIN, logKey.getPrivate())));
    }

    private static byte[] subtree(int level, long index) {
        if (level == 0) {
            return leaves.get((int) index);
        }
        return Rfc6962.nodeHash(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
    }

    private static TlogProof proofOf(int index, Bytes extra) {
        List<Bytes> hashes = ProofBuilder.inclusion(index, SIZE, TlogProofsTest::subtree).stream()
                .map(Bytes::of).toList();
        return new TlogProof(extra, index, hashes, checkpoint);
    }

    private static List<NoteVerifier> trusted() {
        return List.of(NoteKeys.ecdsaVerifier(ORIGIN, logKey.getPublic()));
    }

    @Test
    void formatsTheHeaderIndexHashesEmptyLineAndCheckpoint() {
        String text = TlogProofs.format(proofOf(INDEX, Bytes.EMPTY));
        assertTrue(text.startsWith(TlogProofs.HEADER + "\nindex 6\n"));
        assertTrue(text.endsWith("\n\n" + checkpoint));
    }

    @Test
    void parsesWhatItFormatsIncludingExtraData() {
        TlogProof proof = proofOf(INDEX, Bytes.of(new byte[] {1, 2, 3}));
        assertEquals(proof, TlogProofs.parse(TlogProofs.format(proof)));
    }

    @Test
    void verifiesOfflineAgainstTheLogKey() {
        TlogProof parsed = TlogProofs.parse(TlogProofs.format(proofOf(INDEX, Bytes.EMPTY)));
        assertEquals(SIZE, TlogProofs.verify(parsed, leaves.get(INDEX), trusted()).size());
    }

    @Test
    void rejectsAProofForAnotherEntry() {
        TlogProof proof = proofOf(INDEX, Bytes.EMPTY);
        AttestorException e = assertThrows(AttestorException.class,
                () -> TlogProofs.verify(proof, leaves.get(INDEX + 1), trusted()));
        assertEquals("merkle.invalid_proof", e.code());
    }

    @Test
    void rejectsACheckpointSignedByAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        List<NoteVerifier> stranger = List.of(NoteKeys.ecdsaVerifier(ORIGIN, generator.generateKeyPair().getPublic()));
        AttestorException e = assertThrows(AttestorException.class,
                () -> TlogProofs.verify(proofOf(INDEX, Bytes.EMPTY), leaves.get(INDEX), stranger));
        assertEquals("note.unverified", e.code());
    }

    @Test
    void acceptsAnEmptyInclusionProofForASingleLeafTreeLine() {
        String text = TlogProofs.HEADER + "\nindex 0\n\n" + checkpoint;
        assertEquals(List.of(), TlogProofs.parse(text).hashes());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c2sp.org/tlog-proof@v2\nindex 0\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 01\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex -1\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 99999999999999999999\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 0\nAAAA\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 0\n" + "_-__________________________________________\n\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 0\nCHECKPOINT",
        "c2sp.org/tlog-proof@v1\nindex 0\n\n",
        "c2sp.org/tlog-proof@v1\n\nCHECKPOINT"})
    void rejectsMalformedProofsWithItsCode(String text) {
        AttestorException e = assertThrows(AttestorException.class, () -> TlogProofs.parse(text));
        assertEquals("tlog_proof.malformed", e.code());
    }
}
