package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One test server per class, one fresh database and store per test; extra stores play other workers. */
abstract class MongoTestBase {

    static TestServer server;

    String database;
    MongoStore store;
    private final List<MongoStore> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.memory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void openStore() {
        database = TestServer.freshDatabase();
        store = worker();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MongoStore::close);
    }

    /** @return another store on the same database: a second worker */
    MongoStore worker() {
        return track(server.store(database));
    }

    /** @return the store, which is closed after the test */
    MongoStore track(MongoStore s) {
        opened.add(s);
        return s;
    }

    MongoDatabase raw() {
        return server.raw(database);
    }
}
