package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;

class OutboxIndexTest {

    @TempDir
    Path dir;

    private EmbeddedStore store;

    @BeforeEach
    void open() {
        store = new EmbeddedStore(file());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path file() {
        return dir.resolve("store").resolve("attestor.mv");
    }

    private EmbeddedStore reopen() {
        store.close();
        store = new EmbeddedStore(file());
        return store;
    }

    private static List<String> digests(List<EntryRecord> records) {
        return records.stream().map(EntryRecord::envelopeDigest).toList();
    }

    @Test
    void readsBackTargetsCoverageAndReceiptsExactly() {
        EntryRecord record = Records.outbox("a", Records.T0);
        store.putIfAbsent(record);
        assertEquals(record, reopen().byEnvelopeDigest(Records.TENANT, record.envelopeDigest()).orElseThrow());
    }

    @Test
    void storesNoDerivedMembers() throws Exception {
        String json = new RecordJson().write(Records.outbox("a", Records.T0));
        var tree = new ObjectMapper().readTree(json);
        assertFalse(tree.has("logEntries"), json);
        assertFalse(tree.has("primaryLogged"), json);
        assertTrue(tree.has("logs") && tree.has("signatures") && tree.has("receipts"), json);
    }

    @Test
    void listsPendingRecordsOldestFirst() {
        EntryRecord newer = Records.outbox("newer", Records.T0.plusSeconds(60));
        EntryRecord older = Records.outbox("older", Records.T0);
        store.putIfAbsent(newer);
        store.putIfAbsent(older);
        store.putIfAbsent(Records.entry("logged"));
        assertEquals(List.of(older.envelopeDigest(), newer.envelopeDigest()), digests(store.pending(10)));
        assertEquals(List.of(older.envelopeDigest()), digests(store.pending(1)));
    }

    @Test
    void dropsARecordFromTheOutboxOnceItIsLogged() {
        EntryRecord pending = Records.outbox("a", Records.T0);
        store.putIfAbsent(pending);
        assertTrue(store.replaceIf(pending, Records.logged(pending)));
        assertTrue(store.pending(10).isEmpty());
        assertEquals(EntryRecord.LOGGED, store.byEnvelopeDigest(Records.TENANT, pending.envelopeDigest()).orElseThrow().status());
    }

    @Test
    void keepsTheOutboxAcrossAReopen() {
        EntryRecord pending = Records.outbox("a", Records.T0);
        store.putIfAbsent(pending);
        assertEquals(List.of(pending), reopen().pending(10));
    }

    @Test
    void findsAPendingRecordByTheUuidItsSignaturesWillHave() {
        EntryRecord pending = Records.outbox("a", Records.T0);
        store.putIfAbsent(pending);
        String secondSignature = pending.signatures().get(1).uuid();
        assertEquals(pending, store.byUuid(Records.TENANT, secondSignature).orElseThrow());
    }

    @Test
    void readsARecordOfTheOldFormatAsOneLoggedTargetPerLog() {
        EntryRecord modern = Records.entry("old");
        store.close();
        store = null;
        writeRaw(modern.envelopeDigest(), legacyJson(modern), false);
        store = new EmbeddedStore(file());
        EntryRecord read = store.byEnvelopeDigest(Tenants.LEGACY, modern.envelopeDigest()).orElseThrow();
        assertEquals(2, read.logs().size());
        assertTrue(read.logs().stream().allMatch(LogTarget::logged));
        assertEquals(modern.logEntries(), read.logEntries());
        assertTrue(read.logs().get(0).entries().stream()
                .allMatch(e -> e.signatureIndex() == CoveredEntry.UNKNOWN_SIGNATURE));
        assertTrue(read.signatures().isEmpty() && read.receipts().isEmpty());
    }

    @Test
    void buildsTheOutboxIndexForAFileWrittenBeforeIt() {
        EntryRecord pending = Records.pending("old");
        store.close();
        store = null;
        writeRaw(pending.envelopeDigest(), legacyJson(pending), true);
        store = new EmbeddedStore(file());
        assertEquals(List.of(pending.envelopeDigest()), digests(store.pending(10)));
    }

    /** The JSON the store wrote before targets existed: {@code logEntries} instead of signatures/logs/receipts. */
    private static String legacyJson(EntryRecord record) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            ObjectNode tree = (ObjectNode) mapper.readTree(new RecordJson().write(record));
            tree.remove(List.of("signatures", "logs", "receipts"));
            ((ObjectNode) tree.get("provenance")).remove("tenant");
            ArrayNode entries = tree.putArray("logEntries");
            for (LogEntry e : record.logEntries()) {
                entries.add(mapper.readTree(new RecordJson().write(e)));
            }
            return mapper.writeValueAsString(tree);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Writes a record straight into a new file, as an older version of the store (schema 1) did. */
    private void writeRaw(String digest, String json, boolean forgetPendingIndex) {
        try {
            Files.delete(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        try {
            MVMap<String, String> entries = raw.openMap("entries");
            entries.put(digest, json);
            MVMap<Long, String> byCreation = raw.openMap("entries.byCreation");
            byCreation.put(byCreation.isEmpty() ? 0L : byCreation.lastKey() + 1, digest);
            if (forgetPendingIndex) {
                raw.removeMap("entries.pending");
                MVMap<String, Long> meta = raw.openMap("meta");
                meta.remove("entries.pending.built");
            }
            raw.commit();
        } finally {
            raw.close();
        }
    }
}
