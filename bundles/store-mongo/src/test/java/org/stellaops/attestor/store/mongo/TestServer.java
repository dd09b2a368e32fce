package org.stellaops.attestor.store.mongo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.stellaops.attestor.testing.Osgi;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1 and an ephemeral port, reached through the real
 * driver over TCP. It lacks what docs/storage.md lists (transactions, atomicity under concurrency …).
 */
final class TestServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final String uri;
    private final MongoClient raw;

    private TestServer(MongoBackend backend) {
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        this.raw = MongoClients.create(uri);
    }

    /** @return a server keeping everything in memory */
    static TestServer memory() {
        return new TestServer(new MemoryBackend());
    }

    /** @return a server keeping its databases in an H2 MVStore file (survives {@link #close()}) */
    static TestServer h2(Path file) {
        return new TestServer(new H2Backend(file.toString()));
    }

    String uri() {
        return uri;
    }

    int port() {
        return server.getLocalAddress().getPort();
    }

    /** @return a database name no other test uses */
    static String freshDatabase() {
        return "attestor_test_" + DATABASES.incrementAndGet();
    }

    /** @return direct access to a database, for what a test must see or alter behind the store's back */
    MongoDatabase raw(String database) {
        return raw.getDatabase(database);
    }

    /** @return a store on {@code database}, without the periodic repair (tests run it themselves) */
    MongoStore store(String database) {
        return store(database, Map.of(), Clock.systemUTC());
    }

    MongoStore store(String database, Map<String, Object> overrides, Clock clock) {
        Map<String, Object> config = new HashMap<>();
        config.put("uri", uri);
        config.put("database", database);
        config.put("auditRepairIntervalSeconds", 0);
        config.putAll(overrides);
        return new MongoStore(Osgi.config(MongoStoreConfig.class, config), clock);
    }

    static MongoStoreConfig config(Map<String, Object> values) {
        return Osgi.config(MongoStoreConfig.class, values);
    }

    @Override
    public void close() {
        raw.close();
        server.shutdownNow();
    }
}
