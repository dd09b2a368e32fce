package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.tck.TckRecords;

/** Runs the storage benchmark bodies a few times and checks what they wrote. Nothing is timed. */
class StorageBenchmarkTest {

    private final StorageBenchmark b = new StorageBenchmark();

    @BeforeEach
    void open() throws IOException {
        b.writers = 32;
        b.open();
    }

    @AfterEach
    void close() throws IOException {
        b.close();
    }

    @Test
    void everyStoreOperationInsertsAWindowOfNewRecordsWithTheirAuditEvents() {
        assertEquals(StorageBenchmark.WINDOW, b.storeRecordWithAuditEvent());
        assertEquals(StorageBenchmark.WINDOW, b.storeRecordWithAuditEvent(), "no record repeats");
        assertTrue(b.store().byEnvelopeDigest(TckRecords.TENANT, TckRecords.digest("bench-511")).isPresent());
        assertEquals(2L * StorageBenchmark.WINDOW, b.store().eventCount(), "one audit event per new record");
    }

    @Test
    void everyChunkedStoreOperationInsertsAWindowOfNewRecordsWithTheirAuditEvents() {
        assertEquals(StorageBenchmark.CHUNKED_WINDOW, b.storeRecordsInChunks());
        assertEquals(StorageBenchmark.CHUNKED_WINDOW, b.storeRecordsInChunks(), "no record repeats");
        assertTrue(b.store().byEnvelopeDigest(TckRecords.TENANT, TckRecords.digest("bench-1023")).isPresent());
        assertEquals(2L * StorageBenchmark.CHUNKED_WINDOW, b.store().eventCount(), "one audit event per new record");
    }

    @Test
    void everyArchiveOperationStoresAWindowOfDistinctReadableObjects() throws IOException {
        String first = b.archiveEnvelope();
        String second = b.archiveEnvelope();
        assertNotEquals(first, second);
        assertEquals(StorageBenchmark.ENVELOPE_BYTES, b.archive().get(second).map(x -> x.length).orElse(-1));
        try (Stream<java.nio.file.Path> objects = Files.walk(b.archive().root().resolve("sha256"))) {
            assertEquals(2L * StorageBenchmark.WINDOW, objects.filter(Files::isRegularFile).count());
        }
    }
}
