package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.NoteVerifier;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.AddCheckpointRequest;

/**
 * A C2SP tlog-witness (v1.0.0): verifies a submitted checkpoint against the known log keys and against the latest
 * checkpoint it cosigned for that origin, and if it is consistent stores it and cosigns it.
 *
 * <p>Status codes follow the upstream text: 400 malformed body or old size above the checkpoint size, 404 unknown
 * origin, 403 no trusted signature (or a trusted key's signature fails), 409 + {@code text/x.tlog.size} for an old
 * size other than the latest cosigned size, 409 (plain text) for the same size with another root, 422 for a
 * consistency proof that does not verify or a non-empty proof from old size 0, and (editor's draft, undefined in
 * v1.0.0) 422 for a size-0 checkpoint whose root is not the empty-tree hash.
 */
final class Witness {

    private static final System.Logger LOG = System.getLogger(Witness.class.getName());

    private final KnownLogs logs;
    private final CheckpointStore store;
    private final WitnessKey key;
    private final EventSink events;
    private final LongSupplier nowSeconds;

    /**
     * @param logs the known logs
     * @param store the per-origin state
     * @param key the cosigning key
     * @param events where decisions are reported
     * @param nowSeconds the clock, in POSIX seconds
     */
    Witness(KnownLogs logs, CheckpointStore store, WitnessKey key, EventSink events, LongSupplier nowSeconds) {
        this.logs = logs;
        this.store = store;
        this.key = key;
        this.events = events;
        this.nowSeconds = nowSeconds;
    }

    /** @return the witness's verifier key, {@code <name>+<hex key ID>+<base64(0x04 ‖ key)>} */
    String vkey() {
        return key.cosigner().vkey();
    }

    /**
     * @param originHash lowercase hex SHA-256 of a log origin
     * @return the latest checkpoint this witness cosigned for it, with the cosignature, if any
     * @throws IOException on read failure
     */
    Optional<String> latestCosigned(String originHash) throws IOException {
        return store.latestNote(originHash);
    }

    /**
     * Handles one {@code add-checkpoint} request and reports the decision as an event.
     *
     * @param body the request body
     * @return the decision
     */
    WitnessDecision addCheckpoint(byte[] body) {
        WitnessDecision decision = decide(body);
        report(decision);
        return decision;
    }

    private WitnessDecision decide(byte[] body) {
        AddCheckpointRequest request;
        Checkpoint checkpoint;
        try {
            request = AddCheckpointRequest.parse(body);
            checkpoint = Checkpoints.parse(request.checkpoint());
        } catch (AttestorException e) {
            return WitnessDecision.refused(400, null, "malformed request: " + e.getMessage() + " (" + e.code() + ")");
        }
        String origin = checkpoint.origin();
        List<NoteVerifier> trusted = logs.verifiers(origin);
        if (trusted.isEmpty()) {
            return WitnessDecision.refused(404, origin, "unknown origin");
        }
        SignedNote verified;
        try {
            verified = Notes.verify(request.checkpoint(), trusted);
        } catch (AttestorException e) {
            return WitnessDecision.refused(403, origin, "checkpoint not signed by a trusted log key: " + e.getMessage());
        }
        if (request.oldSize() > checkpoint.size()) {
            return WitnessDecision.refused(400, origin,
                    "old size " + request.oldSize() + " is larger than the checkpoint size " + checkpoint.size());
        }
        if (checkpoint.size() == 0 && !MessageDigest.isEqual(checkpoint.rootHash().value(), Rfc6962.emptyRoot())) {
            return WitnessDecision.refused(422, origin, "a size-0 checkpoint must carry the empty-tree root",
                    request.checkpoint());
        }
        try {
            return store.update(origin, latest -> evaluate(request, checkpoint, verified, latest));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "witness: cannot record a checkpoint of " + origin, e);
            return WitnessDecision.refused(500, origin, "the witness could not cosign: " + e.getMessage());
        }
    }

    /** Runs under the origin's lock: everything the latest cosigned checkpoint decides, then the cosignature. */
    private CheckpointStore.Update<WitnessDecision> evaluate(AddCheckpointRequest request, Checkpoint checkpoint,
            SignedNote verified, Optional<Checkpoint> latest) {
        String origin = checkpoint.origin();
        long latestSize = latest.map(Checkpoint::size).orElse(0L);
        if (request.oldSize() != latestSize) {
            return new CheckpointStore.Update<>(WitnessDecision.conflict(origin, latestSize), null);
        }
        WitnessDecision refusal = consistencyProblem(request, checkpoint, latest);
        if (refusal != null) {
            return new CheckpointStore.Update<>(refusal, null);
        }
        NoteSignature cosignature = key.cosign(verified.text(), Math.max(1L, nowSeconds.getAsLong()));
        List<NoteSignature> signatures = new ArrayList<>(verified.signatures());
        signatures.add(cosignature);
        String stored = new SignedNote(verified.text(), signatures).format();
        return new CheckpointStore.Update<>(WitnessDecision.cosigned(origin, line(cosignature), checkpoint.size()), stored);
    }

    /** @return the refusal if the checkpoint does not extend the latest cosigned one, or null if it does */
    private static WitnessDecision consistencyProblem(AddCheckpointRequest request, Checkpoint checkpoint,
            Optional<Checkpoint> latest) {
        String origin = checkpoint.origin();
        String evidence = request.checkpoint();
        long oldSize = request.oldSize();
        byte[] root = checkpoint.rootHash().value();
        byte[] oldRoot = latest.map(c -> c.rootHash().value()).orElse(Rfc6962.emptyRoot());
        if (checkpoint.size() == oldSize) {
            if (!MessageDigest.isEqual(root, oldRoot)) {
                // upstream v1.0.0 and the editor's draft both say 409 here; no size body, or clients would retry
                return WitnessDecision.refused(409, origin, "same size " + oldSize
                        + " as the latest cosigned checkpoint but a different root", evidence);
            }
            return request.proof().isEmpty() ? null
                    : WitnessDecision.refused(422, origin, "equal sizes take an empty consistency proof", evidence);
        }
        if (oldSize == 0) {
            return request.proof().isEmpty() ? null : WitnessDecision.refused(422, origin,
                    "the consistency proof must be empty when the old size is 0", evidence);
        }
        try {
            ConsistencyProofs.verify(oldSize, checkpoint.size(), oldRoot, root, request.proof());
            return null;
        } catch (MerkleProofException e) {
            return WitnessDecision.refused(422, origin, "consistency proof from " + oldSize + " to " + checkpoint.size()
                    + " does not verify: " + e.getMessage(), evidence);
        }
    }

    private static String line(NoteSignature signature) {
        byte[] hint = signature.keyHint();
        byte[] sig = signature.signature();
        byte[] both = new byte[hint.length + sig.length];
        System.arraycopy(hint, 0, both, 0, hint.length);
        System.arraycopy(sig, 0, both, hint.length, sig.length);
        return "\u2014 " + signature.name() + " " + Base64.getEncoder().encodeToString(both) + "\n";
    }

    private void report(WitnessDecision decision) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (decision.origin() != null) {
            properties.put("origin", decision.origin());
        }
        properties.put("status", decision.status());
        properties.put("detail", decision.detail());
        if (decision.evidence() != null) {
            properties.put("checkpoint", decision.evidence());
        }
        if (!decision.cosigned()) {
            // a refusal with evidence may be proof of log misbehaviour; the rest (stale sizes, strangers) is routine
            LOG.log(decision.evidence() != null ? Level.WARNING : Level.DEBUG, "witness refused a checkpoint of {0}: {1} {2}",
                    decision.origin(), decision.status(), decision.detail());
        }
        try {
            events.post(decision.cosigned() ? EventSink.WITNESS_COSIGNED : EventSink.WITNESS_REFUSED, properties);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "witness: cannot post the decision event", e);
        }
    }
}
