package org.stellaops.attestor.tlog.witness;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;

/**
 * The two checks of the monitor: a log's latest checkpoint is signed by the log's own key (a version that is not
 * revoked), and it is consistent with the checkpoint verified before (same size ⇒ same root; otherwise the log
 * proves that the smaller tree is a prefix of the larger one).
 */
final class ConsistencyCheck {

    /** What to do with a freshly verified checkpoint. */
    enum Kind {
        /** It extends the known one: remember it. */
        ADOPT,
        /** It is the known one or an older, consistent one: keep the known one. */
        KEEP,
        /** It contradicts the known one. */
        SPLIT
    }

    /** @param kind the verdict @param detail why */
    record Outcome(Kind kind, String detail) {
    }

    private ConsistencyCheck() {
    }

    /**
     * Reads the log's latest checkpoint and verifies it with the log's keys, named like the origin: any version of
     * the descriptor's checkpoint key that is not revoked (a log that just rotated may still serve a checkpoint of
     * the previous version).
     *
     * @param log the log
     * @param descriptor its descriptor
     * @return the checkpoint parsed from the verified note
     * @throws TransparencyLogException if the log cannot be read
     * @throws AttestorException if the checkpoint is malformed or not signed by a verifiable version of the log's key
     */
    static Checkpoint latestVerified(TransparencyLog log, LogDescriptor descriptor) {
        Checkpoint latest = log.latestCheckpoint();
        List<NoteVerifier> verifiers = descriptor.verifiableKeys().stream()
                .map(v -> verifier(descriptor.origin(), v)).toList();
        return Checkpoints.parseVerified(latest.signedNote(), verifiers);
    }

    private static NoteVerifier verifier(String origin, LogKeyVersion version) {
        PublicKey key = PublicKeys.parsePem(version.publicKeyPem());
        return PublicKeys.defaultAlgorithm(key) == KeyAlgorithm.ED25519 ? NoteKeys.ed25519Verifier(origin, key)
                : NoteKeys.ecdsaVerifier(origin, key);
    }

    /**
     * @param log the log, asked for a consistency proof when the sizes differ
     * @param known the checkpoint verified before
     * @param fresh the checkpoint just verified
     * @return the verdict
     * @throws TransparencyLogException if the log cannot answer the proof request for a reason other than the
     *         sizes themselves (for example {@code tlog.unavailable})
     */
    static Outcome compare(TransparencyLog log, Checkpoint known, Checkpoint fresh) {
        if (!known.origin().equals(fresh.origin())) {
            return split("origin changed from " + known.origin() + " to " + fresh.origin());
        }
        if (fresh.size() == known.size()) {
            return known.rootHash().equals(fresh.rootHash()) ? new Outcome(Kind.KEEP, "unchanged at size " + known.size())
                    : split("two different roots for size " + known.size());
        }
        boolean grew = fresh.size() > known.size();
        Checkpoint older = grew ? known : fresh;
        Checkpoint newer = grew ? fresh : known;
        String problem = prefixProblem(log, older, newer);
        if (problem != null) {
            return split(problem);
        }
        return grew ? new Outcome(Kind.ADOPT, "grew from " + known.size() + " to " + fresh.size())
                : new Outcome(Kind.KEEP, "log presented an older checkpoint (size " + fresh.size()
                        + ") consistent with the verified size " + known.size());
    }

    /** @return why {@code older} is not a prefix of {@code newer}, or null if the log proved it is */
    private static String prefixProblem(TransparencyLog log, Checkpoint older, Checkpoint newer) {
        if (older.size() == 0) {
            return MessageDigest.isEqual(older.rootHash().value(), Rfc6962.emptyRoot()) ? null
                    : "a size-0 checkpoint with a root other than the empty-tree hash";
        }
        List<Bytes> proof;
        try {
            proof = log.consistencyProof(older.size(), newer.size());
        } catch (TransparencyLogException e) {
            if (!TransparencyLogException.BAD_PROOF_REQUEST.equals(e.code())) {
                throw e;
            }
            return "the log cannot prove size " + older.size() + " consistent with size " + newer.size() + ": "
                    + e.getMessage();
        }
        try {
            ConsistencyProofs.verify(older.size(), newer.size(), older.rootHash().value(), newer.rootHash().value(),
                    proof.stream().map(Bytes::value).toList());
            return null;
        } catch (MerkleProofException e) {
            return "consistency proof from " + older.size() + " to " + newer.size() + " does not verify: " + e.getMessage();
        }
    }

    private static Outcome split(String detail) {
        return new Outcome(Kind.SPLIT, detail);
    }
}
