package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MongoTestServer against the official driver the Attestor's store uses, over real loopback TCP. */
class MongoTestServerTest {

    @TempDir
    Path dir;

    @Test
    void servesTheOfficialDriverOnAFreeLoopbackPort() {
        try (MongoTestServer server = MongoTestServer.start(new MongoTestServerOptions(0, Optional.empty()));
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertTrue(server.connectionString().matches("mongodb://127\\.0\\.0\\.1:\\d+"), server.connectionString());
            MongoCollection<Document> entries = client.getDatabase("attestor").getCollection("entries");
            entries.insertOne(new Document("_id", "a").append("logIndex", 0));
            assertEquals(0, entries.find(new Document("_id", "a")).first().getInteger("logIndex"));
        }
    }

    @Test
    void enforcesUniqueIndexesAsTheStoreExpects() {
        try (MongoTestServer server = MongoTestServer.start(new MongoTestServerOptions(0, Optional.empty()));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("attestor").getCollection("entries");
            c.createIndex(Indexes.ascending("digest"), new IndexOptions().unique(true));
            c.insertOne(new Document("digest", "sha256:1"));
            MongoWriteException e = assertThrows(MongoWriteException.class,
                    () -> c.insertOne(new Document("digest", "sha256:1")));
            assertEquals(11000, e.getError().getCode());
        }
    }

    @Test
    void countsTheRequestsAndNamesTheDatabasesClientsUsed() {
        try (MongoTestServer server = MongoTestServer.start(new MongoTestServerOptions(0, Optional.empty()))) {
            assertEquals("0 requests served; databases used: none", server.usage());
            try (MongoClient client = MongoClients.create(server.connectionString())) {
                client.getDatabase("attestor").getCollection("audit").insertOne(new Document("n", 1));
            }
            assertTrue(server.usage().endsWith("databases used: attestor"), server.usage());
            assertTrue(!server.usage().startsWith("0 "), server.usage());
        }
    }

    @Test
    void theH2BackendKeepsDocumentsAcrossARestart() {
        Path file = dir.resolve("mongo.mv");
        MongoTestServerOptions options = new MongoTestServerOptions(0, Optional.of(file));
        try (MongoTestServer server = MongoTestServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("attestor").getCollection("entries").insertOne(new Document("_id", "kept"));
        }
        assertTrue(Files.isRegularFile(file), "the H2 file exists after the first run");
        try (MongoTestServer server = MongoTestServer.start(options);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(1, client.getDatabase("attestor").getCollection("entries")
                    .countDocuments(new Document("_id", "kept")));
        }
    }

    @Test
    void listensOnLoopbackOnlyAndStopsListeningWhenClosed() throws IOException {
        MongoTestServer server = MongoTestServer.start(new MongoTestServerOptions(0, Optional.empty()));
        int port = server.port();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertTrue(socket.isConnected());
        }
        server.close();
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        });
    }
}
