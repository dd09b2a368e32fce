package org.stellaops.attestor.store.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.testing.Osgi;

/** Against mongo-java-server (in memory) over TCP, through the real driver. */
class GridFsContentStoreTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** GridFS's default chunk size. */
    private static final int CHUNK = 255 * 1024;

    private static MongoServer server;
    private static String uri;
    private static MongoClient raw;

    private String database;
    private GridFsContentStore store;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        raw = MongoClients.create(uri);
    }

    @AfterAll
    static void stopServer() {
        raw.close();
        server.shutdownNow();
    }

    @BeforeEach
    void open() {
        database = "cas_test_" + DATABASES.incrementAndGet();
        store = open(Map.of());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private GridFsContentStore open(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("uri", uri, "database", database));
        config.putAll(overrides);
        return new GridFsContentStore(Osgi.config(GridFsConfig.class, config));
    }

    @Test
    void returnsTheBytesExactlyAsStoredUnderTheirSha256() {
        byte[] content = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        String address = store.put(content);
        assertEquals(GridFsContentStore.sha256Hex(content), address);
        assertTrue(store.contains(address));
        assertArrayEquals(content, store.get(address).orElseThrow());
    }

    @Test
    void storesTheFileUnderItsAddressInTheEnvelopesBucket() {
        String address = store.put(new byte[] {1, 2, 3});
        Document file = db().getCollection("envelopes.files").find().first();
        assertEquals(address, file.getString("filename"));
        assertEquals(3L, ((Number) file.get("length")).longValue());
    }

    @Test
    void storingTheSameBytesAgainKeepsOneObject() {
        byte[] content = bytes(1000, 1);
        String first = store.put(content);
        String second = store.put(content.clone());
        assertEquals(first, second);
        assertEquals(1, db().getCollection("envelopes.files").countDocuments());
        assertEquals(1, db().getCollection("envelopes.chunks").countDocuments());
    }

    @Test
    void aLosingConcurrentUploadLeavesNoOrphanedChunks() {
        byte[] content = bytes(CHUNK * 2 + 10, 2);
        String address = store.put(content);
        // as a second worker that checked contains() before the first one's files document existed
        store.upload(address, content);
        assertEquals(1, db().getCollection("envelopes.files").countDocuments());
        assertEquals(3, db().getCollection("envelopes.chunks").countDocuments(), "one object's chunks");
        assertArrayEquals(content, store.get(address).orElseThrow());
    }

    @Test
    void storesLargeContentAcrossManyChunks() {
        byte[] content = bytes(CHUNK * 5 + 17, 3);
        String address = store.put(content);
        assertEquals(6, db().getCollection("envelopes.chunks").countDocuments());
        assertArrayEquals(content, store.get(address).orElseThrow());
    }

    @Test
    void storesEmptyContent() {
        String address = store.put(new byte[0]);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", address);
        assertArrayEquals(new byte[0], store.get(address).orElseThrow());
    }

    @Test
    void anAlteredChunkIsReportedCorruptAndItsBytesAreNotReturned() {
        byte[] content = bytes(CHUNK * 2 + 100, 4);
        String address = store.put(content);
        Document second = db().getCollection("envelopes.chunks").find(Filters.eq("n", 1)).first();
        byte[] data = second.get("data", Binary.class).getData();
        data[500] ^= 0x01;
        db().getCollection("envelopes.chunks").updateOne(Filters.eq("_id", second.get("_id")),
                new Document("$set", new Document("data", new Binary(data))));
        StorageException e = assertThrows(StorageException.class, () -> store.get(address));
        assertEquals(StorageException.CORRUPT, e.code());
        assertTrue(e.getMessage().contains(address), e.getMessage());
    }

    @Test
    void aMissingChunkIsReportedCorrupt() {
        String address = store.put(bytes(CHUNK * 3, 5));
        Document last = db().getCollection("envelopes.chunks").find().sort(Sorts.descending("n")).first();
        db().getCollection("envelopes.chunks").deleteOne(Filters.eq("_id", last.get("_id")));
        StorageException e = assertThrows(StorageException.class, () -> store.get(address));
        assertEquals(StorageException.CORRUPT, e.code());
    }

    @Test
    void aTruncatedChunkIsReportedCorrupt() {
        String address = store.put(bytes(CHUNK + 50, 6));
        db().getCollection("envelopes.chunks").updateOne(Filters.eq("n", 0),
                new Document("$set", new Document("data", new Binary(new byte[10]))));
        StorageException e = assertThrows(StorageException.class, () -> store.get(address));
        assertEquals(StorageException.CORRUPT, e.code());
    }

    @Test
    void anAbsentAddressIsEmpty() {
        String absent = GridFsContentStore.sha256Hex("never stored".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), store.get(absent));
        assertFalse(store.contains(absent));
    }

    @Test
    void aMalformedAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.get("ABC"));
        assertThrows(IllegalArgumentException.class, () -> store.contains("../etc/passwd"));
    }

    @Test
    void theFilenameIndexIsUnique() {
        List<Document> indexes = db().getCollection("envelopes.files").listIndexes().into(new java.util.ArrayList<>());
        assertTrue(indexes.stream().anyMatch(i -> i.get("key", Document.class).equals(new Document("filename", 1))
                && Boolean.TRUE.equals(i.getBoolean("unique"))), indexes.toString());
    }

    @Test
    void usesTheConfiguredBucketAndSurvivesAReopen() {
        byte[] content = bytes(100, 7);
        String address;
        try (GridFsContentStore custom = open(Map.of("bucket", "archive"))) {
            address = custom.put(content);
        }
        assertEquals(1, db().getCollection("archive.files").countDocuments());
        try (GridFsContentStore reopened = open(Map.of("bucket", "archive"))) {
            assertArrayEquals(content, reopened.get(address).orElseThrow());
        }
    }

    @Test
    void anUnreachableServerFailsActivationNamingTheHostButNotTheCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StorageException e = assertThrows(StorageException.class, () -> open(Map.of(
                "uri", "mongodb://attestor:s3cr3t-pw@127.0.0.1:" + closedPort + "/",
                "serverSelectionTimeoutMillis", 300, "connectTimeoutMillis", 300)));
        assertEquals(StorageException.FAILURE, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
    }

    private MongoDatabase db() {
        return raw.getDatabase(database);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
