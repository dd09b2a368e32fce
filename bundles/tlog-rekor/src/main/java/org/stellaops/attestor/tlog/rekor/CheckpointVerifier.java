package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;

/**
 * Verifies the checkpoints of one log with its configured keys: the current {@code publicKey} or any of the
 * {@code previousKeys} that is not revoked.
 *
 * <p>Rekor v2: the note must be signed by such a key under the origin's name and carry exactly the configured origin.
 * Rekor v1: the log signs {@code "<hostname> - <treeID>"} checkpoints under the name {@code <hostname>}
 * (rekor pkg/util/checkpoint.go), optionally with a {@code Timestamp: <nanos>} extension line; one origin per shard.
 */
final class CheckpointVerifier {

    private static final Pattern V1_SHARD = Pattern.compile(" - [0-9]+");
    private static final Pattern V1_TIMESTAMP = Pattern.compile("Timestamp: [0-9]+");

    private final RekorSettings settings;
    private final LogErrors errors;
    private final List<NoteVerifier> verifiers;

    CheckpointVerifier(RekorSettings settings, LogErrors errors) {
        this.settings = settings;
        this.errors = errors;
        KeyVersions versions = settings.keyVersions();
        this.verifiers = versions.verifiableLogIds().stream()
                .map(id -> versions.keys().get(id).verifier(settings.noteName())).toList();
    }

    /**
     * @param signedNote a checkpoint note as the log served it
     * @param from where it came from, for messages
     * @return the checkpoint
     * @throws org.stellaops.attestor.api.tlog.TransparencyLogException {@code tlog.bad_proof} if it is malformed, not
     *         signed by a verifiable configured key, or for another origin
     */
    Checkpoint verify(String signedNote, URI from) {
        Checkpoint checkpoint;
        try {
            if (settings.isV2()) {
                checkpoint = Checkpoints.parseVerified(signedNote, verifiers);
            } else {
                Notes.verify(signedNote, verifiers);
                checkpoint = Checkpoints.parse(signedNote);
            }
        } catch (AttestorException e) {
            throw errors.badProof(from, "checkpoint does not verify with a configured, unrevoked key (" + e.code() + "): "
                    + e.getMessage(), e);
        }
        if (!originAccepted(checkpoint.origin())) {
            throw errors.badProof(from, "checkpoint origin '" + checkpoint.origin() + "' is not the configured origin '"
                    + settings.origin() + "'", null);
        }
        if (!settings.isV2() && !checkpoint.extensions().stream().allMatch(e -> V1_TIMESTAMP.matcher(e).matches())) {
            throw errors.badProof(from, "Rekor v1 checkpoint has unexpected extension lines " + checkpoint.extensions(), null);
        }
        return checkpoint;
    }

    private boolean originAccepted(String origin) {
        if (origin.equals(settings.origin())) {
            return true;
        }
        return !settings.isV2() && !settings.origin().contains(" - ") && origin.startsWith(settings.origin())
                && V1_SHARD.matcher(origin.substring(settings.origin().length())).matches();
    }
}
