package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.stellaops.attestor.cas.fs.FsContentStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.embedded.EmbeddedStore;
import org.stellaops.attestor.store.tck.TckRecords;

/**
 * The two writes every new submission makes before it is acknowledged, alone, on this machine's disk: archiving the
 * envelope bytes in the file content store (fsynced file and directory) and storing the record with its audit event
 * in the embedded store (group commit). One operation writes {@value #WINDOW} new envelopes or records from a pool of
 * {@link #writers} threads, as the service's batch I/O pool does, so the store's group commit is shared the way it
 * is under load (JMH's {@code -t} adds concurrent windows); the score is writes per second.
 * {@link #storeRecordsInChunks} stores records the way batch submissions do, {@value #CHUNK} per call. Compare the cost per
 * write with the service's cost per envelope (docs/benchmarks.md) to see what share of it storage takes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StorageBenchmark {

    /** Concurrent writers; 32 is the size of the service's batch I/O pool. */
    @Param({"32"})
    public int writers;
    /** The embedded store's page cache in MiB (its configuration's {@code cacheSizeMb}; the service's default). */
    @Param({"16"})
    public int cacheMb;
    /** Writes per operation. */
    static final int WINDOW = 256;
    /** Records per {@code putAllIfAbsent} call: the chunk size of the service's batch submissions. */
    static final int CHUNK = 16;
    /** Records per operation of {@link #storeRecordsInChunks}: one chunk for each of 32 writers. */
    static final int CHUNKED_WINDOW = 512;
    /** Bytes of an archived envelope: about what the load driver's signed provenance envelopes weigh. */
    static final int ENVELOPE_BYTES = 3072;

    private final AtomicLong next = new AtomicLong();
    private Path directory;
    private EmbeddedStore store;
    private FsContentStore archive;
    private ExecutorService pool;

    /** Opens an empty store and an empty archive in a temporary directory. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("bench-storage-");
        store = new EmbeddedStore(directory.resolve("store/attestor.mv"), cacheMb);
        archive = new FsContentStore(directory.resolve("cas"));
        pool = Executors.newFixedThreadPool(writers);
    }

    /** Closes the store and deletes every file. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        pool.shutdownNow();
        try (FsContentStore closing = archive) {
            store.close();
        } finally {
            LogDirectories.deleteTree(directory);
        }
    }

    /** @return how many of the window's records were new (all of them), so nothing is optimised away */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public long storeRecordWithAuditEvent() {
        return window(n -> store.putIfAbsent(TckRecords.logged("bench-" + n), TckRecords.event((int) n)))
                .stream().filter(EntryStore.Stored::created).count();
    }

    /**
     * As the service's batch submissions store records: each writer stores {@value #CHUNK} records with one
     * {@code putAllIfAbsent} call, so it waits for durability once per chunk instead of once per record.
     *
     * @return how many of the window's records were new (all of them)
     */
    @Benchmark
    @OperationsPerInvocation(CHUNKED_WINDOW)
    public long storeRecordsInChunks() {
        return inParallel(CHUNKED_WINDOW / CHUNK, () -> store.putAllIfAbsent(creations(CHUNK))).stream()
                .flatMap(List::stream).filter(EntryStore.Stored::created).count();
    }

    private List<EntryStore.Creation> creations(int count) {
        List<EntryStore.Creation> creations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = next.getAndIncrement();
            creations.add(new EntryStore.Creation(TckRecords.logged("bench-" + n), TckRecords.event((int) n)));
        }
        return creations;
    }

    /** @return the window's last address */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public String archiveEnvelope() {
        List<String> addresses = window(n -> {
            byte[] content = new byte[ENVELOPE_BYTES];
            ByteBuffer.wrap(content).putLong(n);
            return archive.put(content);
        });
        return addresses.get(WINDOW - 1);
    }

    /** Runs {@value #WINDOW} writes, numbered from a shared counter, on the pool of writers and waits for all. */
    private <T> List<T> window(LongFunction<T> write) {
        return inParallel(WINDOW, () -> write.apply(next.getAndIncrement()));
    }

    /** Runs {@code tasks} writes on the pool of writers and waits for all. */
    private <T> List<T> inParallel(int tasks, Supplier<T> write) {
        List<CompletableFuture<T>> running = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            running.add(CompletableFuture.supplyAsync(write, pool));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** @return the store, for the test of the benchmark bodies */
    EmbeddedStore store() {
        return store;
    }

    /** @return the archive, for the test of the benchmark bodies */
    FsContentStore archive() {
        return archive;
    }
}
