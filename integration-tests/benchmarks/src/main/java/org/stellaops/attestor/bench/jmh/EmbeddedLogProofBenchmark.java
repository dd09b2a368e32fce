package org.stellaops.attestor.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.tlog.embedded.EmbeddedLog;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * Proof generation by the embedded log: inclusion proofs for random leaves at the latest size, and consistency
 * proofs between a random earlier size and the latest, as the API serves them (tiles from the log's cache or disk).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmbeddedLogProofBenchmark {

    /** Entries in the log before measuring. */
    @Param({"100000"})
    public int entries;

    private Path directory;
    private EmbeddedLog log;
    private long size;

    /** Fills a fresh log. */
    @Setup(Level.Trial)
    public void fill() throws IOException {
        directory = Files.createTempDirectory("bench-proofs-");
        MemoryKeyDriver keys = MemoryKeyDriver.generate();
        log = LogDirectories.open(directory, keys, 256);
        LogRequests requests = new LogRequests(keys.publicKey());
        for (int start = 0; start < entries; start += 4096) {
            List<CompletableFuture<LogEntry>> pending = new ArrayList<>();
            for (int i = start; i < Math.min(entries, start + 4096); i++) {
                pending.add(log.submit(requests.request(i)).toCompletableFuture());
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
        size = log.latestCheckpoint().size();
    }

    /** Closes the log and deletes its files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        LogDirectories.closeAndDelete(log, directory);
    }

    /** @return an inclusion proof for a random leaf at the latest size */
    @Benchmark
    public InclusionProof inclusion() {
        return log.inclusionProof(ThreadLocalRandom.current().nextLong(size), size);
    }

    /** @return a consistency proof from a random earlier size to the latest */
    @Benchmark
    public List<Bytes> consistency() {
        return log.consistencyProof(1 + ThreadLocalRandom.current().nextLong(size - 1), size);
    }

    /** @return the root of the latest checkpoint, for checking the proofs */
    Bytes latestRoot() {
        return log.latestCheckpoint().rootHash();
    }
}
