package org.stellaops.attestor.core.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.stellaops.attestor.core.service.AttestationService.BatchOutcome;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.Provenance;

/**
 * Many submissions in one call, each handled exactly as {@link SubmissionPipeline#submit} handles one (same checks,
 * idempotence, audit events and provenance), but in phases shared by all items: checks in parallel on the CPU pool;
 * dedupe (inside the batch and against the store) and planning on the I/O pool; every planned entry of every item
 * handed to the primary log at once; while the log integrates them, the envelopes archived on the I/O pool,
 * {@value #STORE_CHUNK} per {@link org.stellaops.attestor.cas.ContentStore#putAll} call so that the archive's fsyncs
 * cover many envelopes each (one envelope per I/O thread kept at most one pool's worth in an fsync); the log's answers
 * awaited under one shared deadline; records stored by concurrent {@link EntryStore#putAllIfAbsent} calls of
 * {@value #STORE_CHUNK} records each, so the store's group commit can combine them; then the outbox takes over as for
 * a single submission. A failing item never fails the others: its failure is captured in its outcome (only a failure
 * of the store itself fails every item of the chunk it was storing).
 */
final class BatchSubmissions {

    /**
     * Records stored per {@link EntryStore#putAllIfAbsent} call. Large enough that the I/O pool's threads keep
     * hundreds of records in each group commit of store-embedded; small enough that a batch still spreads over the
     * pool, which a store that writes each record on its own (store-mongo) needs for its parallelism.
     */
    static final int STORE_CHUNK = 16;

    private final SubmissionPipeline pipeline;
    private final Auditor auditor;
    private final Executor cpu;
    private final Executor io;
    private final int maxItems;

    BatchSubmissions(SubmissionPipeline pipeline, Auditor auditor, Executor cpu, Executor io, int maxItems) {
        this.pipeline = pipeline;
        this.auditor = auditor;
        this.cpu = cpu;
        this.io = io;
        this.maxItems = maxItems;
    }

    int maxItems() {
        return maxItems;
    }

    /** One item as it moves through the phases (each phase writes it, the join of the phase publishes it). */
    private static final class Item {
        final int index;
        final byte[] body;
        SubmissionPipeline.Accepted accepted;
        Item duplicateOf;
        SubmissionPipeline.Prepared prepared;
        FastPath.FirstAttempt attempt;
        AuditEvent createdEvent;
        Submission submission;
        RuntimeException failure;

        Item(int index, byte[] body) {
            this.index = index;
            this.body = body;
        }

        boolean open() {
            return failure == null && submission == null && duplicateOf == null;
        }
    }

    /**
     * @throws AttestorException {@value CoreCodes#BATCH_TOO_LARGE} for more than {@code batchMaxItems} items
     *                           (nothing is stored)
     */
    List<BatchOutcome> submit(List<byte[]> bodies, Provenance who) {
        if (bodies.size() > maxItems) {
            AttestorException refused = new AttestorException(CoreCodes.BATCH_TOO_LARGE, "a batch holds at most "
                    + maxItems + " envelopes, not " + bodies.size());
            auditor.record(who, "entry.submit", "-", refused.code(), refused.getMessage());
            throw refused;
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            items.add(new Item(i, bodies.get(i)));
        }
        each(items, cpu, Item::open, item -> item.accepted = pipeline.check(item.body, who.tenant()));
        markDuplicates(items);
        each(items, io, Item::open, item -> plan(item, who));
        long deadline = System.nanoTime() + pipeline.primaryDeadline().toNanos();
        Map<Item, FastPath.Started> started = startLogging(items);
        chunked(items, io, Item::open, STORE_CHUNK, this::archive);
        awaitLogging(started, deadline);
        chunked(items, io, Item::open, STORE_CHUNK, chunk -> store(chunk, who));
        awaitPrimary(items, deadline);
        BatchOutcome[] outcomes = items.stream().map(BatchSubmissions::outcome).toArray(BatchOutcome[]::new);
        List<CompletableFuture<Void>> audits = new ArrayList<>();
        for (BatchOutcome outcome : outcomes) {
            audits.add(CompletableFuture.runAsync(() -> audit(items.get(outcome.index()), outcome, who), io)
                    .exceptionally(e -> {
                        // as for a single submission: an action whose audit event cannot be written fails
                        outcomes[outcome.index()] = new BatchOutcome(outcome.index(), null, unwrap(e));
                        return null;
                    }));
        }
        audits.forEach(CompletableFuture::join);
        return List.of(outcomes);
    }

    private static RuntimeException unwrap(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private static BatchOutcome outcome(Item item) {
        Item owner = item.duplicateOf;
        if (owner != null && owner.failure == null) {
            return new BatchOutcome(item.index, new Submission(owner.submission.record(), false), null);
        }
        RuntimeException failure = owner != null ? owner.failure : item.failure;
        return failure != null ? new BatchOutcome(item.index, null, failure)
                : new BatchOutcome(item.index, item.submission, null);
    }

    /** The second and later items with the same envelope digest become duplicates of the first. */
    private static void markDuplicates(List<Item> items) {
        Map<String, Item> owners = new HashMap<>();
        for (Item item : items) {
            if (item.open()) {
                Item owner = owners.putIfAbsent(item.accepted.digest(), item);
                item.duplicateOf = owner;
            }
        }
    }

    /** Finds an item already stored, or plans it (a refusal fails only this item). */
    private void plan(Item item, Provenance who) {
        var existing = pipeline.entries().byEnvelopeDigest(who.tenant(), item.accepted.digest());
        if (existing.isPresent()) {
            item.submission = new Submission(existing.get(), false);
        } else {
            item.prepared = pipeline.prepared(item.accepted, pipeline.plan(item.accepted),
                    SubmissionPipeline.address(item.body), who);
        }
    }

    /** Archives the envelopes of a chunk of planned items with one call (a storage failure fails all of them). */
    private void archive(List<Item> chunk) {
        pipeline.archive(chunk.stream().map(item -> item.body).toList(),
                chunk.stream().map(item -> item.prepared.record().casDigest()).toList());
    }

    /** Hands every entry of every planned item to the primary log at once, without waiting. */
    private Map<Item, FastPath.Started> startLogging(List<Item> items) {
        FastPath fast = pipeline.fastPath();
        Map<Item, FastPath.Started> started = new HashMap<>();
        for (Item item : items) {
            if (item.open()) {
                started.put(item, fast.start(item.prepared.record(), item.prepared.job()));
            }
        }
        return started;
    }

    /** Awaits the log's answers for the items still open (archived) under the batch's deadline. */
    private void awaitLogging(Map<Item, FastPath.Started> started, long deadline) {
        FastPath fast = pipeline.fastPath();
        started.forEach((item, s) -> {
            if (item.open()) {
                item.attempt = fast.await(s, item.prepared.record(), item.prepared.job(), deadline);
                item.prepared = new SubmissionPipeline.Prepared(fast.firstVersion(item.prepared.record(), item.attempt),
                        item.prepared.job());
            }
        });
    }

    /**
     * Stores a chunk of new items with one {@link EntryStore#putAllIfAbsent} call: a store with group commits waits
     * once for the chunk instead of once per item, so an I/O thread keeps {@value #STORE_CHUNK} records in a commit
     * instead of one. If the call fails, every item of the chunk fails with it (some may be stored; a resubmission
     * finds them).
     */
    private void store(List<Item> chunk, Provenance who) {
        List<EntryStore.Creation> creations = new ArrayList<>(chunk.size());
        for (Item item : chunk) {
            EntryRecord first = item.prepared.record();
            item.createdEvent = auditor.event(who, "entry.submit", first.envelopeDigest(), Auditor.SUCCESS,
                    first.predicateType());
            creations.add(new EntryStore.Creation(first, item.createdEvent));
        }
        List<EntryStore.Stored> stored = pipeline.entries().putAllIfAbsent(creations);
        for (int i = 0; i < chunk.size(); i++) {
            chunk.get(i).submission = new Submission(stored.get(i).record(), stored.get(i).created());
        }
    }

    /** Continues publishing the stored records and waits for pending primaries under what is left of the deadline. */
    private void awaitPrimary(List<Item> items, long deadline) {
        Map<Item, CompletableFuture<EntryRecord>> waiting = new HashMap<>();
        for (Item item : items) {
            if (item.failure == null && item.prepared != null && item.submission != null
                    && item.submission.created()) {
                waiting.put(item, pipeline.continuePublishing(item.submission.record(), item.prepared.job(),
                        item.attempt));
            }
        }
        waiting.forEach((item, primary) -> item.submission = new Submission(pipeline.awaitPrimary(
                item.submission.record(), primary, Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))), true));
    }

    private void audit(Item item, BatchOutcome outcome, Provenance who) {
        if (outcome.failure() != null) {
            RuntimeException e = outcome.failure();
            auditor.record(who, "entry.submit", "-", RecordLookup.codeOf(e), String.valueOf(e.getMessage()));
        } else if (outcome.submission().created()) {
            auditor.announce(item.createdEvent); // the store wrote it together with the record
        } else {
            EntryRecord record = outcome.submission().record();
            auditor.record(who, "entry.resubmit", record.envelopeDigest(), Auditor.SUCCESS, record.predicateType());
        }
    }

    /** Runs {@code step} for the selected items on {@code pool} and waits; a failing step marks only its item. */
    private static void each(List<Item> items, Executor pool, Predicate<Item> selected, Consumer<Item> step) {
        chunked(items, pool, selected, 1, chunk -> step.accept(chunk.get(0)));
    }

    /**
     * Runs {@code step} for consecutive chunks of up to {@code size} selected items on {@code pool} and waits; a
     * failing step marks the items of its chunk.
     */
    private static void chunked(List<Item> items, Executor pool, Predicate<Item> selected, int size,
            Consumer<List<Item>> step) {
        List<Item> chosen = items.stream().filter(selected).toList();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int from = 0; from < chosen.size(); from += size) {
            List<Item> chunk = chosen.subList(from, Math.min(chosen.size(), from + size));
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    step.accept(chunk);
                } catch (RuntimeException e) {
                    chunk.forEach(item -> item.failure = e);
                }
            }, pool));
        }
        running.forEach(CompletableFuture::join);
    }
}
