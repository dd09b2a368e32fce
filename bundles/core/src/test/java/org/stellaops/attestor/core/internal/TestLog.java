package org.stellaops.attestor.core.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;
import org.stellaops.attestor.sdk.note.NoteSignature;
import org.stellaops.attestor.sdk.note.Notes;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.witness.Cosignatures;

/**
 * A small but real transparency log for tests: an RFC 6962 tree over hashedrekord v0.0.2 bodies (sdk Merkle code),
 * ECDSA-signed checkpoints, idempotent by leaf hash, and switches to make it unavailable, refuse entries, hold its
 * answers, or have witnesses cosign its checkpoints.
 */
final class TestLog implements TransparencyLog {

    /** How the log answers submissions. */
    enum Mode { UP, DOWN, REJECT, HOLD }

    private final String origin;
    private volatile KeyPair key;
    private volatile LogDescriptor descriptor;
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final Map<String, Integer> indexByLeaf = new HashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private final Map<String, PrivateKey> witnesses = new HashMap<>();
    private final AtomicInteger submissions = new AtomicInteger();
    private volatile Mode mode = Mode.UP;

    TestLog(String origin) {
        this.origin = origin;
        this.key = TestKeys.p256();
        this.descriptor = new LogDescriptor(Checkpoints.logIdEcdsa(key.getPublic()), origin, "embedded",
                PublicKeys.toPem(key.getPublic()), "");
    }

    /**
     * Rotates the checkpoint key: a new key signs every checkpoint from now on, new entries carry its log ID, and the
     * descriptor lists the previous key as a retired version.
     */
    synchronized void rotateKey() {
        Instant now = Instant.now();
        List<LogKeyVersion> versions = new ArrayList<>();
        descriptor.keyVersions().forEach(v -> versions.add(v.retire(now)));
        key = TestKeys.p256();
        LogKeyVersion next = new LogKeyVersion(versions.size() + 1, Checkpoints.logIdEcdsa(key.getPublic()),
                PublicKeys.toPem(key.getPublic()), null, now, null, null, null);
        versions.add(next);
        descriptor = new LogDescriptor(next.logId(), origin, "embedded", next.publicKeyPem(), "", versions);
    }

    /** Marks every version but the current one revoked. */
    synchronized void revokePreviousKeys() {
        List<LogKeyVersion> versions = new ArrayList<>(descriptor.keyVersions());
        for (int i = 0; i < versions.size() - 1; i++) {
            versions.set(i, versions.get(i).revoke(Instant.now(), "test revocation"));
        }
        descriptor = new LogDescriptor(descriptor.logId(), origin, "embedded", descriptor.publicKeyPem(), "", versions);
    }

    void mode(Mode next) {
        mode = next;
    }

    /** Answers every held submission as the log would now. */
    void release() {
        List<Runnable> answers;
        synchronized (this) {
            answers = new ArrayList<>(held);
            held.clear();
        }
        answers.forEach(Runnable::run);
    }

    /** From now on, checkpoints carry a cosignature by this witness. */
    synchronized void cosignWith(String name, PrivateKey ed25519) {
        witnesses.put(name, ed25519);
    }

    /** Replaces the first leaf and appends one: the same key now signs a different history. */
    synchronized void rewriteHistory() {
        leaves.set(0, Rfc6962.leafHash(new byte[] {1, 2, 3}));
        leaves.add(Rfc6962.leafHash(new byte[] {4, 5, 6}));
    }

    int submissions() {
        return submissions.get();
    }

    synchronized int size() {
        return leaves.size();
    }

    @Override
    public LogDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        submissions.incrementAndGet();
        CompletableFuture<LogEntry> answer = new CompletableFuture<>();
        Mode now = mode;
        if (now == Mode.HOLD) {
            synchronized (this) {
                held.add(() -> answer(request, answer));
            }
            return answer;
        }
        // answered on another thread, as a real log answers from its sequencer
        CompletableFuture.runAsync(() -> answer(request, answer));
        return answer;
    }

    private void answer(HashedRekordRequest request, CompletableFuture<LogEntry> answer) {
        Mode now = mode;
        if (now == Mode.DOWN || now == Mode.HOLD) {
            answer.completeExceptionally(new TransparencyLogException(TransparencyLogException.UNAVAILABLE,
                    "log " + origin + " is down"));
        } else if (now == Mode.REJECT) {
            answer.completeExceptionally(new TransparencyLogException(TransparencyLogException.REJECTED,
                    "log " + origin + " refuses this entry"));
        } else {
            answer.complete(append(request));
        }
    }

    private synchronized LogEntry append(HashedRekordRequest request) {
        byte[] body = HashedRekord.canonicalBody(request);
        byte[] leaf = Rfc6962.leafHash(body);
        String uuid = Bytes.of(leaf).hex();
        Integer index = indexByLeaf.get(uuid);
        if (index == null) {
            index = leaves.size();
            leaves.add(leaf);
            bodies.add(body);
            indexByLeaf.put(uuid, index);
        }
        return new LogEntry(descriptor.logId(), origin, index, uuid, Bytes.of(body),
                inclusionProof(index, leaves.size()));
    }

    @Override
    public synchronized Checkpoint latestCheckpoint() {
        if (mode == Mode.DOWN) {
            throw new TransparencyLogException(TransparencyLogException.UNAVAILABLE, "log " + origin + " is down");
        }
        return Checkpoints.parse(note(leaves.size()));
    }

    @Override
    public synchronized InclusionProof inclusionProof(long logIndex, long treeSize) {
        if (logIndex < 0 || treeSize > leaves.size() || logIndex >= treeSize) {
            throw new TransparencyLogException(TransparencyLogException.BAD_PROOF_REQUEST, "no such proof");
        }
        List<Bytes> hashes = ProofBuilder.inclusion(logIndex, treeSize, this::subtree).stream().map(Bytes::of).toList();
        return new InclusionProof(logIndex, treeSize, Bytes.of(root(treeSize)), hashes, note(treeSize));
    }

    @Override
    public synchronized List<Bytes> consistencyProof(long fromSize, long toSize) {
        return ProofBuilder.consistency(fromSize, toSize, this::subtree).stream().map(Bytes::of).toList();
    }

    private String note(long size) {
        String body = Checkpoints.body(origin, size, root(size));
        String signed = Notes.sign(body, List.of(NoteKeys.signer(origin, key.getPrivate())));
        List<NoteSignature> cosignatures = new ArrayList<>();
        witnesses.forEach((name, witnessKey) ->
                cosignatures.add(Cosignatures.sign(name, witnessKey, body, 1_700_000_000L)));
        return cosignatures.isEmpty() ? signed : Cosignatures.addSignatures(signed, cosignatures);
    }

    private byte[] root(long size) {
        return size == 0 ? Rfc6962.emptyRoot() : ProofBuilder.root(size, this::subtree);
    }

    private byte[] subtree(int level, long index) {
        if (level == 0) {
            return leaves.get((int) index);
        }
        return Rfc6962.nodeHash(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
    }
}
