package org.stellaops.attestor.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * RFC 6962 / RFC 9162 inclusion-proof verification in a log of a million entries, as a verifier does for every log
 * entry of a record. The proof comes from {@code ProofBuilder} over {@link PathSubtreeHashes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InclusionProofBenchmark {

    /** Number of leaves in the log. */
    @Param({"1000000"})
    public long treeSize;

    /** The proven leaf: the first, one in the large left subtree, and the last (shorter proof on the right edge). */
    @Param({"0", "765431", "999999"})
    public long leafIndex;

    private byte[] leafHash;
    private List<byte[]> proof;
    private byte[] root;

    /** Builds the root and the proof. */
    @Setup(Level.Trial)
    public void setUp() {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " is outside a tree of " + treeSize);
        }
        leafHash = Rfc6962.leafHash(("bench-leaf-" + leafIndex).getBytes(StandardCharsets.UTF_8));
        PathSubtreeHashes tree = new PathSubtreeHashes(leafIndex, leafHash);
        root = ProofBuilder.root(treeSize, tree);
        proof = List.copyOf(ProofBuilder.inclusion(leafIndex, treeSize, tree));
    }

    /** Throws {@code MerkleProofException} if the proof does not verify. */
    @Benchmark
    public void verify() {
        InclusionProofs.verify(leafIndex, treeSize, leafHash, proof, root);
    }

    List<byte[]> proof() {
        return proof;
    }

    byte[] root() {
        return root.clone();
    }

    byte[] leafHash() {
        return leafHash.clone();
    }
}
