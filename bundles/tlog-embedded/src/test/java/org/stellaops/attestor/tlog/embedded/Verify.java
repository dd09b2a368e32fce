package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.Notes;

/** Checks results the way an independent client would: signed note first, then the Merkle proof against it. */
final class Verify {

    private Verify() {
    }

    static LogEntry await(CompletionStage<LogEntry> stage) {
        try {
            return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("submission did not complete", e);
        }
    }

    /** @return the checkpoint of the note after checking the log's signature on it */
    static Checkpoint signedCheckpoint(String note, String origin, PublicKey logKey) {
        Notes.verify(note, List.of(NoteKeys.ecdsaVerifier(origin, logKey)));
        return Checkpoints.parse(note);
    }

    /** Verifies a proof and its checkpoint for a leaf. */
    static void inclusion(InclusionProof proof, byte[] leafHash, String origin, PublicKey logKey) {
        Checkpoint checkpoint = signedCheckpoint(proof.checkpoint(), origin, logKey);
        assertEquals(checkpoint.size(), proof.treeSize());
        assertEquals(checkpoint.rootHash(), proof.rootHash());
        InclusionProofs.verify(proof.logIndex(), proof.treeSize(), leafHash, raw(proof.hashes()),
                checkpoint.rootHash().value());
    }

    /** Verifies a logged entry: uuid, body and proof. */
    static void entry(LogEntry entry, String origin, PublicKey logKey) {
        byte[] leaf = NaiveMerkle.leafHash(entry.canonicalizedBody().value());
        assertEquals(HexFormat.of().formatHex(leaf), entry.uuid());
        assertEquals(entry.logIndex(), entry.inclusionProof().logIndex());
        inclusion(entry.inclusionProof(), leaf, origin, logKey);
    }

    static List<byte[]> raw(List<Bytes> hashes) {
        return hashes.stream().map(Bytes::value).toList();
    }

    static void sameBytes(Bytes expected, byte[] actual) {
        assertArrayEquals(expected.value(), actual);
    }
}
