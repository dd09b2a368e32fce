package org.stellaops.attestor.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.policy.CheckpointEvidence;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.CosignatureEvidence;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;

/**
 * Turns what {@link EntryVerifier} checked about one logged entry into the policy evidence model: the stored proof
 * with its checkpoint, and — when the log was asked and its latest checkpoint verified and is consistent with the
 * stored one — that latest checkpoint too, since witnesses usually cosign checkpoints made after the entry.
 */
final class LogEvidences {

    /** Root hash shown for a checkpoint that cannot be parsed (its signature is then not verified either). */
    private static final String NO_ROOT = "00".repeat(32);

    private LogEvidences() {
    }

    /**
     * @param entry the logged entry
     * @param signatureIndex the envelope signature it covers, or -1
     * @param bodyVerified the body is what that signature must be logged as, and the uuid is its leaf hash
     * @param inclusionVerified the stored inclusion proof verified
     * @param checkpointVerified the stored checkpoint commits to the proof and is signed by the log
     * @param fresh the re-check against the log as it is now, or null
     * @param witnesses the configured witnesses
     * @return the stored evidence, and the fresh one when the fresh proof verified
     */
    static List<LogEvidence> of(LogEntry entry, int signatureIndex, boolean bodyVerified, boolean inclusionVerified,
                                boolean checkpointVerified, FreshProofs.Result fresh, Collection<Cosigner> witnesses) {
        Consistency consistency = fresh == null ? Consistency.NOT_CHECKED : fresh.consistency();
        List<LogEvidence> evidence = new ArrayList<>(2);
        evidence.add(one(entry, signatureIndex, bodyVerified, inclusionVerified, entry.inclusionProof(),
                checkpointVerified, consistency, witnesses));
        if (fresh != null && fresh.proof() != null) {
            evidence.add(one(entry, signatureIndex, bodyVerified, true, fresh.proof(), true, Consistency.CONSISTENT,
                    witnesses));
        }
        return evidence;
    }

    private static LogEvidence one(LogEntry entry, int signatureIndex, boolean bodyVerified, boolean inclusionVerified,
                                   InclusionProof proof, boolean signatureVerified, Consistency consistency,
                                   Collection<Cosigner> witnesses) {
        CheckpointEvidence checkpoint;
        try {
            Checkpoint parsed = Checkpoints.parse(proof.checkpoint());
            checkpoint = new CheckpointEvidence(parsed.size(), parsed.rootHash().hex(), signatureVerified,
                    consistency, cosignatures(proof.checkpoint(), entry.origin(), witnesses));
        } catch (AttestorException | IllegalArgumentException malformed) {
            checkpoint = new CheckpointEvidence(0, NO_ROOT, false, consistency, List.of());
        }
        return new LogEvidence(entry.logId(), entry.origin(), entry.logIndex(), Math.max(-1, signatureIndex),
                bodyVerified, inclusionVerified, proof.treeSize(), proof.rootHash().hex(), checkpoint, null);
    }

    /**
     * One line per cosignature on the note (the log's own signature line excluded): a configured witness's line with
     * its verification result and timestamp; any other line under its key name, never valid.
     */
    static List<CosignatureEvidence> cosignatures(String note, String origin, Collection<Cosigner> witnesses) {
        SignedNote signed;
        try {
            signed = SignedNote.parse(note);
        } catch (AttestorException malformed) {
            return List.of();
        }
        List<CosignatureEvidence> lines = new ArrayList<>();
        for (NoteSignature line : signed.signatures()) {
            if (line.name().equals(origin)) {
                continue;
            }
            Cosigner witness = witnesses.stream().filter(w -> w.name().equals(line.name())
                    && HexFormat.of().formatHex(w.keyHint()).equals(line.keyHintHex())).findFirst().orElse(null);
            OptionalLong timestamp = witness == null ? OptionalLong.empty()
                    : Cosignatures.verify(witness, signed.text(), line);
            lines.add(new CosignatureEvidence(line.name(), line.keyHintHex(),
                    timestamp.isPresent() ? Instant.ofEpochSecond(timestamp.getAsLong()) : null,
                    timestamp.isPresent()));
        }
        return lines;
    }
}
