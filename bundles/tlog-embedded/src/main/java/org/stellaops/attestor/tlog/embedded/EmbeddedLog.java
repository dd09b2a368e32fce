package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
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
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.HashedRekord;

/**
 * The embedded tile log: an RFC 6962 tree stored as C2SP tlog-tiles under one directory, with ECDSA-signed
 * checkpoints. Entries are Rekor v2 {@code hashedrekord} v0.0.2 bodies; a submission completes once a signed
 * checkpoint covering it is durable, with an inclusion proof against that checkpoint.
 *
 * <p>Plain Java: the OSGi component wraps it. Thread-safe; one internal sequencer thread writes.
 */
public final class EmbeddedLog implements TransparencyLog, AutoCloseable {

    /** Entry bundles prefix each entry with a uint16 length. */
    static final int MAX_ENTRY_BYTES = 0xFFFF;
    /** Submissions queued beyond this are refused with {@code tlog.unavailable} (pushback). */
    static final int MAX_PENDING = 65_536;
    private static final int CACHED_TILES = 256;
    /** Enough to force every file of a typical batch (a few tiles per level plus bundles) concurrently. */
    private static final int FSYNC_THREADS = 8;
    private static final System.Logger LOG = System.getLogger(EmbeddedLog.class.getName());

    private final LogSettings settings;
    private final LogKey key;
    private final TileStore store;
    private final TileCache cache;
    private final ProofService proofs;
    private final LogDescriptor descriptor;
    private final ExecutorService completer;
    private final ForcePool forcer;
    private final Sequencer sequencer;
    private volatile LogState state;
    private volatile PublishedTree lastPublished;

    private EmbeddedLog(LogSettings settings, LogKey key) throws IOException {
        this.settings = settings;
        this.key = key;
        this.store = new TileStore(settings.directory());
        this.cache = new TileCache(store, CACHED_TILES);
        this.proofs = new ProofService(cache);
        this.descriptor = new LogDescriptor(key.logId(), settings.origin(), "embedded", key.publicKeyPem(), settings.readUrl());
        this.state = LogRecovery.open(settings.directory(), settings.origin(), key, store, cache);
        this.lastPublished = state.published();
        this.forcer = new ForcePool(FSYNC_THREADS);
        this.completer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tlog-embedded-complete");
            t.setDaemon(true);
            return t;
        });
        this.sequencer = new Sequencer("tlog-embedded-sequencer", settings.batchSize(), settings.batchMaxAgeMillis(),
                MAX_PENDING, new Integrator(this, completer));
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
        LogKey key = LogKey.find(keyDriver, settings.signingKeyName(), settings.origin());
        EmbeddedLog log;
        try {
            log = new EmbeddedLog(settings, key);
        } catch (IOException e) {
            throw LogErrors.unavailable("cannot open the log in " + settings.directory(), e);
        }
        log.sequencer.start();
        return log;
    }

    @Override
    public LogDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
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
        CompletableFuture<LogEntry> future = new CompletableFuture<>();
        if (!sequencer.offer(new Pending(Rfc6962.leafHash(body), body, future, System.nanoTime()))) {
            future.completeExceptionally(LogErrors.unavailable("the log is stopped or has too many pending submissions"));
        }
        return future;
    }

    @Override
    public Checkpoint latestCheckpoint() {
        return published().checkpoint();
    }

    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        LogState current = readableState();
        return proofs.inclusion(current, current.published(), logIndex, treeSize);
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
        if (interrupted) {
            Thread.currentThread().interrupt();
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
            state = LogRecovery.open(settings.directory(), settings.origin(), key, store, cache);
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
        return key;
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

    private static void closeQuietly(CheckpointLog history) {
        try {
            history.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close the checkpoint history", e);
        }
    }
}
