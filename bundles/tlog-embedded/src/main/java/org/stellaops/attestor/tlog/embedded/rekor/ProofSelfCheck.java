package org.stellaops.attestor.tlog.embedded.rekor;

import java.util.List;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

/**
 * Checks an entry the way a Rekor v2 client will before it is handed out (as rekor-tiles does through Tessera):
 * the checkpoint is signed by a verifiable (not revoked) version of the log key for the log's origin, it commits
 * to the proof's size and root, and the audit path leads from the entry's leaf hash to that root. A failure means a
 * bug or corrupt storage, never a bad request.
 */
final class ProofSelfCheck {

    private final String origin;
    private final List<NoteVerifier> verifiers;

    ProofSelfCheck(LogDescriptor descriptor) {
        this.origin = descriptor.origin();
        this.verifiers = descriptor.verifiableKeys().stream()
                .map(v -> NoteKeys.ecdsaVerifier(origin, PublicKeys.parsePem(v.publicKeyPem()))).toList();
    }

    /**
     * @param entry an entry as the log returned it
     * @throws RuntimeException (an {@code AttestorException} or {@code IllegalStateException}) if it does not verify
     */
    void verify(LogEntry entry) {
        InclusionProof proof = entry.inclusionProof();
        Notes.verify(proof.checkpoint(), verifiers);
        Checkpoint checkpoint = Checkpoints.parse(proof.checkpoint());
        if (!checkpoint.origin().equals(origin) || checkpoint.size() != proof.treeSize()
                || !checkpoint.rootHash().equals(proof.rootHash()) || entry.logIndex() != proof.logIndex()) {
            throw new IllegalStateException("the proof of entry " + entry.logIndex() + " does not match its checkpoint");
        }
        InclusionProofs.verify(proof.logIndex(), proof.treeSize(), Rfc6962.leafHash(entry.canonicalizedBody().value()),
                proof.hashes().stream().map(Bytes::value).toList(), checkpoint.rootHash().value());
    }
}
