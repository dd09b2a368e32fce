package org.stellaops.attestor.tlog.witness;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;

/**
 * A read-only transparency log over a real Merkle tree, signing real checkpoints. A test can switch the tree it
 * serves (a fork), the size it publishes, the key it signs with, or make it unreachable.
 */
final class TestLog implements TransparencyLog {

    private static final Instant ROTATED = Instant.parse("2026-06-01T00:00:00Z");

    private final LogKey key;
    private volatile LogKey signingKey;
    private volatile LogKey rotatedTo;
    private volatile boolean previousRevoked;
    private volatile Tree tree;
    private volatile long published;
    private volatile boolean unreachable;
    private volatile boolean proofsUnreachable;

    TestLog(LogKey key, Tree tree) {
        this.key = key;
        this.signingKey = key;
        this.tree = tree;
        this.published = tree.size();
    }

    /** Serves another tree from now on, published at its full size. */
    void serve(Tree other) {
        this.tree = other;
        this.published = other.size();
    }

    void publish(long size) {
        this.published = size;
    }

    void signWith(LogKey other) {
        this.signingKey = other;
    }

    /** Rotates the log's key: it signs with {@code next}, and describes the first key as a retired version. */
    void rotateTo(LogKey next) {
        this.rotatedTo = next;
        this.signingKey = next;
    }

    /** Describes the first key as revoked (after {@link #rotateTo}). */
    void revokePrevious() {
        this.previousRevoked = true;
    }

    void unreachable(boolean value) {
        this.unreachable = value;
    }

    void proofsUnreachable(boolean value) {
        this.proofsUnreachable = value;
    }

    @Override
    public LogDescriptor descriptor() {
        LogKey next = rotatedTo;
        if (next == null) {
            return new LogDescriptor(logId(key), key.origin, "test", PublicKeys.toPem(key.publicKey()), "");
        }
        LogKeyVersion first = new LogKeyVersion(1, logId(key), PublicKeys.toPem(key.publicKey()), key.vkey(),
                Instant.EPOCH, ROTATED, null, null);
        LogKeyVersion second = new LogKeyVersion(2, logId(next), PublicKeys.toPem(next.publicKey()), next.vkey(),
                ROTATED, null, null, null);
        return new LogDescriptor(second.logId(), key.origin, "test", second.publicKeyPem(), "",
                List.of(previousRevoked ? first.revoke(ROTATED, "test revocation") : first, second));
    }

    static String logId(LogKey key) {
        return PublicKeys.defaultAlgorithm(key.publicKey()) == KeyAlgorithm.ED25519
                ? Checkpoints.logIdEd25519(key.origin, key.publicKey())
                : Checkpoints.logIdEcdsa(key.publicKey());
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        return CompletableFuture.failedStage(new TransparencyLogException(TransparencyLogException.REJECTED,
                "this test log is read-only"));
    }

    @Override
    public Checkpoint latestCheckpoint() {
        if (unreachable) {
            throw new TransparencyLogException(TransparencyLogException.UNAVAILABLE, "connection refused");
        }
        return Checkpoints.parse(signingKey.checkpoint(tree, published));
    }

    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        throw new TransparencyLogException(TransparencyLogException.BAD_PROOF_REQUEST, "the monitor never asks this");
    }

    @Override
    public List<Bytes> consistencyProof(long fromSize, long toSize) {
        if (unreachable || proofsUnreachable) {
            throw new TransparencyLogException(TransparencyLogException.UNAVAILABLE, "connection refused");
        }
        if (fromSize <= 0 || fromSize > toSize || toSize > tree.size()) {
            throw new TransparencyLogException(TransparencyLogException.BAD_PROOF_REQUEST,
                    "cannot prove " + fromSize + " to " + toSize + " in a tree of " + tree.size());
        }
        return tree.consistency(fromSize, toSize).stream().map(Bytes::of).toList();
    }
}
