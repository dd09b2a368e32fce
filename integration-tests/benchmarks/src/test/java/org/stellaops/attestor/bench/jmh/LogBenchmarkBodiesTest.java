package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;

/** Runs the embedded-log benchmark bodies once on small logs and checks what they produce. Nothing is timed. */
class LogBenchmarkBodiesTest {

    @Test
    void anAppendOperationLogsAWholeWindowOfNewEntries() throws Exception {
        EmbeddedLogAppendBenchmark b = new EmbeddedLogAppendBenchmark();
        b.batchSize = 256;
        b.open();
        try {
            LogEntry first = b.append();
            LogEntry second = b.append();
            assertEquals(EmbeddedLogAppendBenchmark.WINDOW - 1, first.logIndex(), "the window's last entry");
            assertEquals(2L * EmbeddedLogAppendBenchmark.WINDOW - 1, second.logIndex(), "no entry repeats");
            InclusionProof proof = second.inclusionProof();
            InclusionProofs.verify(second.logIndex(), proof.treeSize(),
                    org.stellaops.attestor.sdk.merkle.Rfc6962.leafHash(second.canonicalizedBody().value()),
                    proof.hashes().stream().map(Bytes::value).toList(), proof.rootHash().value());
        } finally {
            b.close();
        }
    }

    @Test
    void proofOperationsProveAgainstTheFilledLog() throws Exception {
        EmbeddedLogProofBenchmark b = new EmbeddedLogProofBenchmark();
        b.entries = 3000;
        b.fill();
        try {
            InclusionProof proof = b.inclusion();
            assertEquals(3000, proof.treeSize());
            assertEquals(b.latestRoot(), proof.rootHash(), "proven against the latest checkpoint");
            assertTrue(proof.hashes().size() >= 11, "a path through a tree of 3000 leaves");
            List<Bytes> consistency = b.consistency();
            assertTrue(!consistency.isEmpty(), "an earlier size is never consistent by an empty proof");
        } finally {
            b.close();
        }
    }
}
