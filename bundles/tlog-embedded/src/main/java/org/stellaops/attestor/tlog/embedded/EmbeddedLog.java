package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.TransparencyLog;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.tlog.embedded.witness.CheckpointSource;
import org.stellaops.attestor.tlog.embedded.witness.CosignatureStore;
import org.stellaops.attestor.tlog.embedded.witness.SignedCheckpoint;
import org.stellaops.attestor.tlog.embedded.witness.WitnessCollector;
import org.stellaops.attestor.tlog.embedded.witness.WitnessEvents;
import org.stellaops.attestor.tlog.embedded.witness.WitnessSettings;
import org.stellaops.attestor.tlog.embedded.witness.WitnessStatus;

/**
 * The embedded tile log: an RFC 6962 tree stored as C2SP tlog-tiles under one directory, with ECDSA-signed
 * checkpoints. Entries are Rekor v2 {@code hashedrekord} v0.0.2 bodies; a submission completes once a signed
 * checkpoint covering it is durable, with an inclusion proof against that checkpoint. Configured witnesses are
 * asked for cosignatures in the background; checkpoints and proofs carry the cosignatures stored for their size.
 *
 * <p>Plain Java: the OSGi component wraps it. Thread-safe; one internal sequencer thread writes.
 */
public final class EmbeddedLog implements TransparencyLog, AutoCloseable {

    /** Entry bundles prefix each entry with a uint16 length. */
    static final int MAX_ENTRY_BYTES = 0xFFFF;
    private static final int CACHED_TILES = 256;
    /** Enough to force every file of a typical batch (a few tiles per level plus bundles) concurrently. */
    private static final int FSYNC_THREADS = 8;
    /**
     * In adaptive mode ({@code batchMaxAgeMillis} 0), how long the sequencer waits for a fuller batch after a batch
     * of more than one submission. With 64 closed-loop clients a fixed age of 4 ms gave 12-13 instead of 15-22 KB
     * written by the sequencer per submission and 6-9 % less CPU per submission (docs/benchmarks.md, session 16);
     * a lone submission still waits for nothing.
     */
    static final long LOAD_AGE_MILLIS = 4;
    private static final System.Logger LOG = System.getLogger(EmbeddedLog.class.getName());

    private final LogSettings settings;
    private final LogKeys keys;
    private final TileStore store;
    private final TileCache cache;
    private final ProofService proofs;
    private final LogDescriptor descriptor;
    private final ExecutorService completer;
    private final ForcePool forcer;
    private final Sequencer sequencer;
    private final CosignatureStore cosignatures;
    private volatile WitnessCollector collector;
    private volatile LogState state;
    private volatile PublishedTree lastPublished;

    private EmbeddedLog(LogSettings settings, LogKeys keys) throws IOException {
        this.settings = settings;
        this.keys = keys;
        this.store = new TileStore(settings.directory());
        this.cache = new TileCache(store, CACHED_TILES);
        this.proofs = new ProofService(cache);
        LogKey active = keys.active();
        this.descriptor = new LogDescriptor(active.logId(), settings.origin(), "embedded", active.publicKeyPem(),
                settings.readUrl(), keys.versions());
        this.state = LogRecovery.open(settings.directory(), settings.origin(), keys, store, cache);
        this.lastPublished = state.published();
        try {
            this.cosignatures = CosignatureStore.open(settings.directory());
            cosignatures.refreshLatest(lastPublished.size(), lastPublished.note());
        } catch (IOException | RuntimeException e) {
            closeQuietly(state.checkpoints);
            throw e;
        }
        this.forcer = new ForcePool(FSYNC_THREADS);
        this.completer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tlog-embedded-complete");
            t.setDaemon(true);
            return t;
        });
        this.sequencer = new Sequencer("tlog-embedded-sequencer", settings.batchSize(), settings.batchMaxAgeMillis(),
                LOAD_AGE_MILLIS, settings.maxPending(), new Integrator(this, completer));
    }

    /**
     * Opens (or creates) the log and starts its sequencer.
     *
     * @param settings where and how
     * @param keyDriver holds the checkpoint key named {@link LogSettings#signingKeyName()}
     * @return the open log
     * @throws TransparencyLogException {@code tlog.unavailable} if the key is missing or the directory cannot be
     *         read, {@code tlog.storage_corrupt} if the stored log contradicts its signed checkpoint
     */
    public static EmbeddedLog open(LogSettings settings, KeyDriver keyDriver) {
        return open(settings, keyDriver, WitnessSettings.NONE);
    }

    /**
     * Opens (or creates) the log, starts its sequencer and, if witnesses are configured, its witness collector.
     *
     * @param settings where and how
     * @param keyDriver holds the checkpoint key named {@link LogSettings#signingKeyName()}
     * @param witnesses the witnesses to ask for cosignatures, possibly none
     * @return the open log
     * @throws TransparencyLogException as {@link #open(LogSettings, KeyDriver)}
     */
    public static EmbeddedLog open(LogSettings settings, KeyDriver keyDriver, WitnessSettings witnesses) {
        return open(settings, keyDriver, witnesses, LogKeyPolicy.DEFAULT);
    }

    /**
     * Opens (or creates) the log as {@link #open(LogSettings, KeyDriver, WitnessSettings)} does, first bringing the
     * history of checkpoint key versions (file {@value KeyHistory#FILE}) up to date: if the driver's key named
     * {@link LogSettings#signingKeyName()} is not the newest recorded version, it becomes a new version valid from
     * now and the previous one is retired at that instant (the latest checkpoint is then re-signed by it, same
     * text); the policy's revocations are recorded.
     *
     * @param settings where and how
     * @param keyDriver holds the checkpoint key
     * @param witnesses the witnesses to ask for cosignatures, possibly none
     * @param keyPolicy revoked key versions and the clock that dates rotations
     * @return the open log
     * @throws TransparencyLogException as {@link #open(LogSettings, KeyDriver)}, and {@code tlog.unavailable} if
     *         the signing key is revoked
     */
    public static EmbeddedLog open(LogSettings settings, KeyDriver keyDriver, WitnessSettings witnesses,
                                   LogKeyPolicy keyPolicy) {
        LogKey key = LogKey.find(keyDriver, settings.signingKeyName(), settings.origin());
        EmbeddedLog log;
        try {
            LogKeys keys = LogKeys.open(settings.directory(), settings.origin(), key, keyPolicy);
            log = new EmbeddedLog(settings, keys);
        } catch (IOException e) {
            throw LogErrors.unavailable("cannot open the log in " + settings.directory(), e);
        }
        log.sequencer.start();
        if (!witnesses.witnesses().isEmpty()) {
            try {
                log.collector = WitnessCollector.start(witnesses, settings.directory(), log.new Source(), log.cosignatures);
            } catch (IOException e) {
                log.close();
                throw LogErrors.unavailable("cannot read the witness state in " + settings.directory(), e);
            }
        }
        return log;
    }

    @Override
    public LogDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        return append(request).thenApply(Submission::entry);
    }

    /**
     * Like {@link #submit}, and tells whether this call added the entry or found it already logged.
     *
     * @param request the hashedrekord to log
     * @return completes once a checkpoint covering the entry is published; fails with {@code tlog.rejected} for an
     *         entry that cannot be logged, {@link LogPushbackException} when the queue is full, and
     *         {@code tlog.unavailable} when the log is frozen, stopping or cannot write
     */
    public CompletionStage<Submission> append(HashedRekordRequest request) {
        if (settings.readOnly()) {
            return CompletableFuture.failedFuture(LogErrors.unavailable("the log is frozen (readOnly): it accepts no new entries"));
        }
        byte[] body;
        try {
            body = HashedRekord.canonicalBody(request);
        } catch (AttestorException e) {
            return CompletableFuture.failedFuture(LogErrors.rejected("not a valid hashedrekord (" + e.code() + "): " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(LogErrors.rejected("not a valid hashedrekord: " + e.getMessage(), e));
        }
        if (body.length > MAX_ENTRY_BYTES) {
            return CompletableFuture.failedFuture(LogErrors.rejected("entry of " + body.length + " bytes exceeds " + MAX_ENTRY_BYTES, null));
        }
        CompletableFuture<Submission> future = new CompletableFuture<>();
        if (!sequencer.offer(new Pending(Rfc6962.leafHash(body), body, future, System.nanoTime()))) {
            future.completeExceptionally(sequencer.accepting()
                    ? new LogPushbackException(settings.maxPending() + " submissions are already waiting; retry later")
                    : LogErrors.unavailable("the log is stopped"));
        }
        return future;
    }

    /** @return the latest checkpoint, with the witness cosignatures stored for its size */
    @Override
    public Checkpoint latestCheckpoint() {
        PublishedTree tree = published();
        String cosigned = cosigned(tree.size(), tree.note());
        return cosigned.equals(tree.note()) ? tree.checkpoint() : Checkpoints.parse(cosigned);
    }

    /** @return the proof; its checkpoint carries the witness cosignatures stored for {@code treeSize} */
    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        LogState current = readableState();
        InclusionProof proof = proofs.inclusion(current, current.published(), logIndex, treeSize);
        String cosigned = cosigned(treeSize, proof.checkpoint());
        return cosigned.equals(proof.checkpoint()) ? proof
                : new InclusionProof(proof.logIndex(), proof.treeSize(), proof.rootHash(), proof.hashes(), cosigned);
    }

    /** @return whether the log is frozen ({@code readOnly}) */
    public boolean readOnly() {
        return settings.readOnly();
    }

    /**
     * @return the 32-byte log ID of the active key version (SHA-256 of its SubjectPublicKeyInfo), Rekor v2's
     *         {@code logId.keyId}
     */
    public byte[] logKeyId() {
        return HexFormat.of().parseHex(descriptor.logId());
    }

    /** @return one status per configured witness (empty without witnesses) */
    public List<WitnessStatus> witnessStatus() {
        WitnessCollector c = collector;
        return c == null ? List.of() : c.status();
    }

    @Override
    public List<Bytes> consistencyProof(long fromSize, long toSize) {
        return proofs.consistency(published(), fromSize, toSize);
    }

    /**
     * Stops accepting submissions (they fail with {@code tlog.unavailable}), finishes the batch in progress,
     * completes its callers and closes the files.
     */
    @Override
    public void close() {
        WitnessCollector c = collector;
        if (c != null) {
            c.close();
        }
        sequencer.stop(LogErrors.unavailable("the log is shutting down"));
        completer.shutdown();
        forcer.close();
        boolean interrupted = false;
        while (!completer.isTerminated()) {
            try {
                completer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        LogState current = state;
        if (current != null) {
            closeQuietly(current.checkpoints);
        }
        closeQuietly(cosignatures);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends each witness's answer to {@code events} from now on (no effect without configured witnesses).
     *
     * @param events the receiver
     */
    public void reportWitnessingTo(WitnessEvents events) {
        WitnessCollector c = collector;
        if (c != null) {
            c.reportTo(events);
        }
    }

    /** Called on the sequencer thread once a new checkpoint is durable: wakes the witness collector. */
    void published(PublishedTree tree) {
        WitnessCollector c = collector;
        if (c != null) {
            c.published();
        }
    }

    /** Reopens from disk after a failed batch; on a second failure the log refuses submissions until restarted. */
    void reopenAfterFailure(Exception cause) {
        LOG.log(Level.ERROR, "batch failed, reopening the log from " + settings.directory(), cause);
        LogState old = state;
        lastPublished = old.published();
        state = null;
        closeQuietly(old.checkpoints);
        try {
            state = LogRecovery.open(settings.directory(), settings.origin(), keys, store, cache);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "the log could not be reopened; it refuses submissions until restarted", e);
        }
    }

    LogState state() {
        return state;
    }

    TileStore store() {
        return store;
    }

    ForcePool forcer() {
        return forcer;
    }

    TileCache cache() {
        return cache;
    }

    LogKey key() {
        return keys.active();
    }

    ProofService proofs() {
        return proofs;
    }

    String origin() {
        return settings.origin();
    }

    String logId() {
        return descriptor.logId();
    }

    private PublishedTree published() {
        LogState current = state;
        return current != null ? current.published() : lastPublished;
    }

    private LogState readableState() {
        LogState current = state;
        if (current == null) {
            throw LogErrors.unavailable("the log is reopening after a storage failure");
        }
        return current;
    }

    /**
     * The note with its stored cosignatures. Cosignatures only add to a note the log signed itself: if they cannot
     * be read, the plain note is still a valid answer, better than failing the caller's proof.
     */
    private String cosigned(long size, String note) {
        try {
            return cosignatures.cosigned(size, note);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the witness cosignatures of size " + size + "; answering without them", e);
            return note;
        }
    }

    private static void closeQuietly(java.io.Closeable history) {
        try {
            history.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close " + history, e);
        }
    }

    /** The log as the witness collector sees it: the plain log-signed checkpoint and consistency proofs. */
    private final class Source implements CheckpointSource {

        @Override
        public SignedCheckpoint latest() {
            PublishedTree tree = published();
            return new SignedCheckpoint(tree.size(), tree.note());
        }

        @Override
        public List<byte[]> consistencyProof(long fromSize, long toSize) {
            return EmbeddedLog.this.consistencyProof(fromSize, toSize).stream().map(Bytes::value).toList();
        }
    }
}
