package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * Appends per second to the embedded tile log on this machine's disk, with the service's defaults: batches of up to
 * 256 entries, every batch fsynced (tiles, entry bundles, checkpoint) before its submitters complete. One operation
 * submits {@value #WINDOW} distinct entries at once, as that many concurrent requests would, and waits until every
 * one holds an inclusion proof against a signed checkpoint; the score is entries per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmbeddedLogAppendBenchmark {

    static final int WINDOW = 1024;

    /** Most entries integrated per checkpoint. */
    @Param({"256"})
    public int batchSize;

    private Path directory;
    private EmbeddedLog log;
    private LogRequests requests;
    private long next;

    /** Opens an empty log in a temporary directory. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("bench-tlog-");
        MemoryKeyDriver keys = MemoryKeyDriver.generate();
        log = LogDirectories.open(directory, keys, batchSize);
        requests = new LogRequests(keys.publicKey());
    }

    /** Closes the log and deletes its files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        LogDirectories.closeAndDelete(log, directory);
    }

    /** @return the last entry, so that nothing is optimised away */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public LogEntry append() {
        List<CompletableFuture<LogEntry>> pending = new ArrayList<>(WINDOW);
        long first;
        synchronized (this) {
            first = next;
            next += WINDOW;
        }
        for (int i = 0; i < WINDOW; i++) {
            pending.add(log.submit(requests.request(first + i)).toCompletableFuture());
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return pending.get(WINDOW - 1).join();
    }
}
