package org.stellaops.attestor.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    void everyArchiveOperationStoresAWindowOfDistinctReadableObjects() {
        String first = b.archiveEnvelope();
        String second = b.archiveEnvelope();
        assertNotEquals(first, second);
        for (long n = 0; n < 2L * StorageBenchmark.WINDOW; n++) {
            byte[] content = new byte[StorageBenchmark.ENVELOPE_BYTES];
            ByteBuffer.wrap(content).putLong(n);
            assertArrayEquals(content, b.archive().get(HexFormat.of().formatHex(sha256(content))).orElseThrow());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
