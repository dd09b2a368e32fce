package org.stellaops.attestor.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB wire-protocol server for benchmark and test runs on this machine (no {@code mongod} can be installed
 * here): {@code de.bwaldvogel.mongo.MongoServer} with the in-memory backend, or the H2 backend with {@code --h2},
 * listening on 127.0.0.1 only. It prints {@code MongoDB wire protocol on mongodb://127.0.0.1:PORT} once it listens
 * and runs until SIGTERM; then it closes the backend (the H2 file is complete) and prints how many requests it
 * served and for which databases.
 *
 * <p>It lacks transactions, change streams and atomic concurrent updates (see docs/storage.md), so its figures
 * are the Attestor's MongoDB code path, not a MongoDB deployment's speed.
 */
public final class MongoTestServer implements AutoCloseable {

    /** The line printed once the server listens, followed by the connection string. */
    public static final String READY_PREFIX = "MongoDB wire protocol on ";

    private static final String LOOPBACK = "127.0.0.1";
    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private final MongoServer server;
    private final CountingBackend backend;
    private final InetSocketAddress address;

    private MongoTestServer(MongoServer server, CountingBackend backend, InetSocketAddress address) {
        this.server = server;
        this.backend = backend;
        this.address = address;
    }

    /**
     * Starts a server.
     *
     * @param options port and backend
     * @return the listening server
     */
    public static MongoTestServer start(MongoTestServerOptions options) {
        MongoBackend store = options.h2File().<MongoBackend>map(f -> new H2Backend(f.toString()))
                .orElseGet(MemoryBackend::new);
        CountingBackend counting = CountingBackend.wrap(store);
        MongoServer server = new MongoServer(counting.backend());
        try {
            server.bind(LOOPBACK, options.port());
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new MongoTestServer(server, counting, server.getLocalAddress());
    }

    /** @return {@code mongodb://127.0.0.1:PORT} */
    public String connectionString() {
        return "mongodb://" + LOOPBACK + ":" + address.getPort();
    }

    /** @return the port it listens on */
    public int port() {
        return address.getPort();
    }

    /** @return a one-line account of the requests served and the databases they named */
    public String usage() {
        return backend.requests() + " requests served; databases used: "
                + (backend.databases().isEmpty() ? "none" : String.join(", ", backend.databases()));
    }

    /** Stops listening, closes every connection and closes the backend (an H2 file is then complete). */
    @Override
    public void close() {
        server.shutdownNow();
    }

    /**
     * Runs the server until the JVM is told to stop (SIGTERM or SIGINT).
     *
     * @param args see {@link MongoTestServerOptions#USAGE}
     * @throws InterruptedException if the main thread is interrupted while the server runs
     */
    public static void main(String[] args) throws InterruptedException {
        MongoTestServerOptions options;
        try {
            options = MongoTestServerOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(MongoTestServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            // mongo-java-server logs every connection at INFO: keep the benchmark's log to what matters.
            System.setProperty(LOG_LEVEL_PROPERTY, "warn");
        }
        MongoTestServer server = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("MongoDB test server stopped: " + server.usage());
            System.out.flush();
            stopped.countDown();
        }, "mongo-test-server-shutdown"));
        System.out.println(READY_PREFIX + server.connectionString());
        System.out.flush();
        stopped.await();
    }
}
