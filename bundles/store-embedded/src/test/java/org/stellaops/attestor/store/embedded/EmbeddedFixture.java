package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;

import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.TrustRootStore;
import org.stellaops.attestor.store.tck.StoreFixture;

/**
 * The contract suite's view of an embedded store file; one object serves all four contracts. There is no second
 * worker: MVStore lets one process open the file.
 */
final class EmbeddedFixture implements StoreFixture {

    private final Path file;
    private EmbeddedStore store;

    EmbeddedFixture(Path file) {
        this.file = file;
        this.store = new EmbeddedStore(file);
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
        return true;
    }

    @Override
    public void reopen() {
        store.close();
        store = new EmbeddedStore(file);
    }

    @Override
    public void close() {
        store.close();
    }
}
