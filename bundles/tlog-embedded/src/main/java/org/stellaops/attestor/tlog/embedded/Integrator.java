package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;

/**
 * Integrates one batch on the sequencer thread: dedupe, append, write and force the tiles and bundles, sign and
 * publish the checkpoint (no fsync per entry: one parallel round of fsyncs per batch), and only then hand the batch to the completion executor, which builds the proofs
 * against that checkpoint and completes the futures (so callers' continuations never run on the sequencer).
 * A storage failure fails the batch and reopens the log from disk, exactly as after a crash.
 */
final class Integrator implements Consumer<List<Pending>> {

    private static final System.Logger LOG = System.getLogger(Integrator.class.getName());

    private final EmbeddedLog log;
    private final Executor completer;

    Integrator(EmbeddedLog log, Executor completer) {
        this.log = log;
        this.completer = completer;
    }

    @Override
    public void accept(List<Pending> batch) {
        LogState state = log.state();
        if (state == null) {
            fail(batch, LogErrors.unavailable("the log could not be reopened after a storage failure"));
            return;
        }
        long start = state.builder.size();
        List<Assigned> assigned;
        try {
            assigned = assign(state, batch);
        } catch (RuntimeException e) {
            fail(batch, LogErrors.unavailable("the batch could not be sequenced", e));
            log.reopenAfterFailure(e);
            return;
        }
        if (state.builder.size() > start) {
            try {
                commit(state, start);
            } catch (IOException | RuntimeException e) {
                failUnpublished(assigned, state.published().size(), e);
                log.reopenAfterFailure(e);
            }
        }
        PublishedTree tree = state.published();
        List<Assigned> ready = assigned.stream().filter(a -> a.index < tree.size()).toList();
        completer.execute(() -> complete(state, tree, ready));
    }

    /**
     * Gives every submission its index: the existing one for a leaf already in the log (or earlier in this batch),
     * else the next one. Only the sequencer thread runs this, so exactly one of equal submissions is fresh.
     */
    private static List<Assigned> assign(LogState state, List<Pending> batch) {
        List<Assigned> assigned = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            long index = state.index.find(p.leafHash(), i -> Arrays.equals(state.builder.leafHash(i), p.leafHash()));
            boolean fresh = index < 0;
            if (fresh) {
                index = state.builder.append(p.leafHash(), p.body());
                state.index.add(p.leafHash(), index);
            }
            assigned.add(new Assigned(p, index, fresh));
        }
        return assigned;
    }

    /**
     * Tiles, bundles and the next checkpoint file are written unforced and then forced all at once; only then is
     * the checkpoint renamed into place and recorded in the history (the durability point).
     */
    private void commit(LogState state, long start) throws IOException {
        TreeBuilder.Writes writes = state.builder.drainWrites(start);
        Set<Path> toForce = new LinkedHashSet<>();
        // Written before the root is computed: a batch larger than the tile cache may need its own new tiles back.
        log.store().writeUnforced(writes.files(), toForce);
        EdgeSnapshot edge = state.builder.snapshot();
        byte[] root = TreeHashes.root(edge, log.cache());
        String note = log.key().sign(Checkpoints.body(log.origin(), edge.size(), root));
        toForce.add(state.checkpoints.prepare(note));
        log.forcer().forceAll(toForce);
        state.checkpoints.publish(edge.size(), note);
        PublishedTree tree = new PublishedTree(edge, root, note, Checkpoints.parse(note));
        state.publish(tree);
        log.published(tree);
        for (TileRef full : writes.completedTiles()) {
            try {
                log.store().deletePartials(full);
            } catch (IOException e) {
                // The batch is durable and published; a stale partial tile only costs disk space.
                LOG.log(Level.WARNING, "could not delete the partial versions of " + full.path(), e);
            }
        }
    }

    private void complete(LogState state, PublishedTree tree, List<Assigned> ready) {
        for (Assigned a : ready) {
            try {
                LogEntry entry = new LogEntry(log.logId(), log.origin(), a.index,
                        HexFormat.of().formatHex(a.pending.leafHash()), Bytes.of(a.pending.body()),
                        log.proofs().inclusion(state, tree, a.index, tree.size()));
                a.pending.future().complete(new Submission(entry, a.fresh));
            } catch (RuntimeException e) {
                a.pending.future().completeExceptionally(e instanceof TransparencyLogException ? e
                        : LogErrors.unavailable("could not build the inclusion proof", e));
            }
        }
    }

    private static void failUnpublished(List<Assigned> assigned, long publishedSize, Exception cause) {
        TransparencyLogException failure = LogErrors.unavailable("the batch could not be made durable", cause);
        assigned.stream().filter(a -> a.index >= publishedSize).forEach(a -> a.pending.future().completeExceptionally(failure));
    }

    private static void fail(List<Pending> batch, TransparencyLogException failure) {
        batch.forEach(p -> p.future().completeExceptionally(failure));
    }

    private record Assigned(Pending pending, long index, boolean fresh) {
    }
}
