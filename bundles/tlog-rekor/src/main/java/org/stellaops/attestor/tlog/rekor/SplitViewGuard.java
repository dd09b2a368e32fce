package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * Detects split views: every verified checkpoint a log presents must be consistent with the last one this client
 * trusted for the same origin. A larger checkpoint needs a consistency proof from the trusted one and becomes the
 * trusted one; a smaller one must be proven to be a prefix of it; an equal size needs an equal root. Anything else
 * is a split view: the checkpoint is refused, the trusted one stays, and the listener is told.
 *
 * <p>Checks are serialised per log (the proof is fetched under the lock), so two answers can never both replace
 * the trusted checkpoint.
 */
final class SplitViewGuard {

    /** Produces a consistency proof between two sizes of the log, for checkpoints already signature-checked. */
    @FunctionalInterface
    interface ConsistencySource {
        /**
         * @param size1 the older size, at least 1
         * @param size2 the newer size
         * @return the proof
         * @throws TransparencyLogException {@code tlog.unavailable} if the proof cannot be fetched
         */
        List<byte[]> proof(long size1, long size2);
    }

    /** Told about every split view. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param logId the log's ID (hex)
         * @param origin the checkpoint origin
         * @param detail what disagreed
         */
        void splitView(String logId, String origin, String detail);
    }

    /** Re-verifies a stored note with the configured keys (they may have been changed since it was written). */
    @FunctionalInterface
    interface NoteCheck {
        Checkpoint verify(String signedNote);
    }

    private final TrustedCheckpoints store;
    private final NoteCheck noteCheck;
    private final String logId;
    private final LogErrors errors;
    private final Listener listener;
    private final Map<String, Checkpoint> trusted = new HashMap<>();

    SplitViewGuard(TrustedCheckpoints store, NoteCheck noteCheck, String logId, LogErrors errors, Listener listener) {
        this.store = store;
        this.noteCheck = noteCheck;
        this.logId = logId;
        this.errors = errors;
        this.listener = listener;
    }

    /**
     * @param origin a checkpoint origin
     * @return the trusted checkpoint of that origin, if any
     */
    synchronized Optional<Checkpoint> trusted(String origin) {
        return Optional.ofNullable(loaded(origin));
    }

    /**
     * Accepts a signature-checked checkpoint if it is consistent with the trusted one.
     *
     * @param candidate the checkpoint the log presented
     * @param from where it came from, for messages
     * @param source consistency proofs from the log
     * @throws TransparencyLogException {@code tlog.split_view} if it is inconsistent, {@code tlog.unavailable} if a
     *         proof cannot be fetched or the state cannot be written
     */
    synchronized void check(Checkpoint candidate, URI from, ConsistencySource source) {
        Checkpoint known = loaded(candidate.origin());
        if (known == null) {
            persist(candidate, from);
            return;
        }
        byte[] root = candidate.rootHash().value();
        byte[] knownRoot = known.rootHash().value();
        if (candidate.size() == known.size()) {
            if (!MessageDigest.isEqual(root, knownRoot)) {
                throw splitView(candidate, known, from, "same tree size, different root", null);
            }
            return;
        }
        if (candidate.size() > known.size()) {
            if (known.size() > 0) {
                prove(known.size(), candidate.size(), knownRoot, root, candidate, known, from, source);
            }
            persist(candidate, from);
            return;
        }
        if (candidate.size() == 0) {
            if (!MessageDigest.isEqual(root, Rfc6962.emptyRoot())) {
                throw splitView(candidate, known, from, "empty tree with a non-empty root", null);
            }
            return;
        }
        prove(candidate.size(), known.size(), root, knownRoot, candidate, known, from, source);
    }

    private void prove(long size1, long size2, byte[] root1, byte[] root2, Checkpoint candidate, Checkpoint known,
            URI from, ConsistencySource source) {
        List<byte[]> proof = source.proof(size1, size2);
        try {
            ConsistencyProofs.verify(size1, size2, root1, root2, proof);
        } catch (MerkleProofException e) {
            throw splitView(candidate, known, from, "no valid consistency proof from size " + size1 + " to " + size2
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private TransparencyLogException splitView(Checkpoint candidate, Checkpoint known, URI from, String why, Throwable cause) {
        String detail = why + ": presented size " + candidate.size() + " root " + candidate.rootHash().hex()
                + ", trusted size " + known.size() + " root " + known.rootHash().hex();
        listener.splitView(logId, candidate.origin(), detail + " (from " + from + ")");
        return errors.splitView(from, detail, cause);
    }

    private Checkpoint loaded(String origin) {
        Checkpoint cached = trusted.get(origin);
        if (cached != null) {
            return cached;
        }
        Optional<String> stored;
        try {
            stored = store.load(origin);
        } catch (IOException e) {
            throw errors.unavailable(store.file(origin).toUri(), "cannot read the trusted checkpoint: " + e, e);
        }
        if (stored.isEmpty()) {
            return null;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = noteCheck.verify(stored.get());
        } catch (TransparencyLogException e) {
            throw errors.unavailable(store.file(origin).toUri(), "the trusted checkpoint on disk does not verify with "
                    + "a configured, unrevoked key (" + e.getMessage() + "); if the log rotated its key, list the old "
                    + "key in previousKeys; if that key was revoked on purpose, remove the file", e);
        }
        if (!checkpoint.origin().equals(origin)) {
            throw errors.unavailable(store.file(origin).toUri(), "the trusted checkpoint on disk is for origin '"
                    + checkpoint.origin() + "', not '" + origin + "'", null);
        }
        trusted.put(origin, checkpoint);
        return checkpoint;
    }

    private void persist(Checkpoint checkpoint, URI from) {
        try {
            store.save(checkpoint.origin(), checkpoint.signedNote());
        } catch (IOException e) {
            throw errors.unavailable(store.file(checkpoint.origin()).toUri(), "cannot persist the checkpoint of size "
                    + checkpoint.size() + " read from " + from + ": " + e, e);
        }
        trusted.put(checkpoint.origin(), checkpoint);
    }
}
