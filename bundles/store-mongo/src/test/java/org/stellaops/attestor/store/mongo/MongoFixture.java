package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.tck.StoreFixture;

/**
 * The contract suite's view of the MongoDB store: a test server of its own (in memory, over TCP) and one store on
 * a fresh database. Reopening closes the store and opens a new one on the same database, as a service restart
 * does (the database keeps running, as a real deployment's would).
 */
final class MongoFixture implements StoreFixture {

    private final TestServer server = TestServer.memory();
    private final String database = TestServer.freshDatabase();
    private MongoStore store = server.store(database);

    @Override
    public EntryStore entries() {
        return store;
    }

    @Override
    public AuditStore audit() {
        return store;
    }

    @Override
    public TrustRootStore trustRoots() {
        return store;
    }

    @Override
    public boolean supportsReopen() {
        return true;
    }

    @Override
    public void reopen() {
        store.close();
        store = server.store(database);
    }

    @Override
    public void close() {
        store.close();
        server.close();
    }
}
