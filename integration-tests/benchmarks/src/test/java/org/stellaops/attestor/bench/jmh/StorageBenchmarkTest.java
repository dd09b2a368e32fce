package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.tck.TckRecords;

/** Runs the storage benchmark bodies a few times and checks what they wrote. Nothing is timed. */
class StorageBenchmarkTest {

    @Test
    void everyStoreOperationInsertsAWindowOfNewRecordsWithTheirAuditEvents() throws Exception {
        StorageBenchmark b = new StorageBenchmark();
        b.writers = 32;
        b.open();
        try {
            assertEquals(StorageBenchmark.WINDOW, b.storeRecordWithAuditEvent());
            assertEquals(StorageBenchmark.WINDOW, b.storeRecordWithAuditEvent(), "no record repeats");
            assertTrue(b.store().byEnvelopeDigest(TckRecords.TENANT, TckRecords.digest("bench-511")).isPresent());
            assertEquals(2L * StorageBenchmark.WINDOW, b.store().eventCount(), "one audit event per new record");
        } finally {
            b.close();
        }
    }

    @Test
    void everyArchiveOperationStoresAWindowOfDistinctReadableObjects() throws Exception {
        StorageBenchmark b = new StorageBenchmark();
        b.writers = 32;
        b.open();
        try {
            String first = b.archiveEnvelope();
            String second = b.archiveEnvelope();
            assertNotEquals(first, second);
            assertEquals(StorageBenchmark.ENVELOPE_BYTES, b.archive().get(second).map(x -> x.length).orElse(-1));
            try (var objects = java.nio.file.Files.walk(b.archive().root().resolve("sha256"))) {
                assertEquals(2L * StorageBenchmark.WINDOW, objects.filter(java.nio.file.Files::isRegularFile).count());
            }
        } finally {
            b.close();
        }
    }
}
