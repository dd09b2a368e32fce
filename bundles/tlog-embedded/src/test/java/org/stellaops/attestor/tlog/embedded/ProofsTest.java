package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * One log grown one entry per checkpoint across the first tile boundaries (256, 512), so that every size from 1
 * to {@value #SIZE} is published; proofs are checked with the sdk verifiers against the signed notes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProofsTest {

    private static final int SIZE = 600;
    private static final String ORIGIN = "proofs.test";

    private Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final List<LogEntry> entries = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private EmbeddedLog log;

    @BeforeAll
    void growOneEntryAtATime(@TempDir Path tempDir) {
        dir = tempDir;
        log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 256, 0, ""), key);
        checkpoints.add(log.latestCheckpoint());
        for (int i = 0; i < SIZE; i++) {
            entries.add(Verify.await(log.submit(Requests.bulk(i))));
            checkpoints.add(log.latestCheckpoint());
        }
    }

    @AfterAll
    void close() {
        log.close();
    }

    @Test
    void publishesACheckpointForEverySize() {
        for (int size = 0; size <= SIZE; size++) {
            assertEquals(size, checkpoints.get(size).size());
        }
    }

    @Test
    void eachSubmissionIsProvenAgainstTheCheckpointThatFirstCoveredIt() {
        for (int i = 0; i < SIZE; i++) {
            LogEntry entry = entries.get(i);
            assertEquals(i, entry.logIndex());
            assertEquals(i + 1, entry.inclusionProof().treeSize());
            Verify.entry(entry, ORIGIN, key.publicKey());
        }
    }

    @Test
    void everyLeafHasAValidInclusionProofInEveryLaterPublishedSize() {
        for (int size = 1; size <= SIZE; size += size < 300 ? 1 : 7) {
            for (int index = 0; index < size; index++) {
                InclusionProof proof = log.inclusionProof(index, size);
                assertEquals(checkpoints.get(size).signedNote(), proof.checkpoint());
                Verify.inclusion(proof, HexFormat.of().parseHex(entries.get(index).uuid()), ORIGIN, key.publicKey());
            }
        }
    }

    @Test
    void everyPairOfPublishedSizesHasAValidConsistencyProof() {
        for (int from = 1; from <= SIZE; from += from < 300 ? 1 : 13) {
            for (int to = from; to <= SIZE; to++) {
                ConsistencyProofs.verify(from, to, checkpoints.get(from).rootHash().value(),
                        checkpoints.get(to).rootHash().value(), Verify.raw(log.consistencyProof(from, to)));
            }
        }
    }

    @Test
    void rootsMatchTheNaiveMerkleTreeHashOfTheSubmittedBodies() {
        List<byte[]> leaves = entries.stream().map(e -> NaiveMerkle.leafHash(e.canonicalizedBody().value())).toList();
        for (int size = 0; size <= SIZE; size++) {
            Verify.sameBytes(checkpoints.get(size).rootHash(), NaiveMerkle.mth(leaves, 0, size));
        }
    }
}
