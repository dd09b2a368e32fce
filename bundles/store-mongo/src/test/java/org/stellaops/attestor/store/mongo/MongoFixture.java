package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.tck.StoreFixture;

/**
 * The contract suite's view of the MongoDB store: a test server of its own (in memory, over TCP) and one store on
 * a fresh database. Reopening closes the store and opens a new one on the same database, as a service restart
 * does (the database keeps running, as a real deployment's would). Another worker is another store (with its own
 * client and connection pool) on the same database.
 */
final class MongoFixture implements StoreFixture {

    private final TestServer server;
    private final String database;
    /** Whether this fixture started the server (the first worker) or shares another fixture's. */
    private final boolean ownsServer;
    private MongoStore store;

    MongoFixture() {
        this(TestServer.memory(), TestServer.freshDatabase(), true);
    }

    private MongoFixture(TestServer server, String database, boolean ownsServer) {
        this.server = server;
        this.database = database;
        this.ownsServer = ownsServer;
        this.store = server.store(database);
    }

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
    public OneTimeKeyStore oneTimeKeys() {
        return store;
    }

    @Override
    public PolicyStore policies() {
        return store;
    }

    @Override
    public boolean supportsReopen() {
        return ownsServer;
    }

    @Override
    public void reopen() {
        if (!ownsServer) {
            throw new UnsupportedOperationException("only the first worker's fixture reopens");
        }
        store.close();
        store = server.store(database);
    }

    @Override
    public boolean supportsOtherWorkers() {
        return true;
    }

    @Override
    public StoreFixture otherWorker() {
        return new MongoFixture(server, database, false);
    }

    @Override
    public void close() {
        store.close();
        if (ownsServer) {
            server.close();
        }
    }
}
