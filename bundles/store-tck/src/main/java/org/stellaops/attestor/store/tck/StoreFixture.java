package org.stellaops.attestor.store.tck;

import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.TrustRootStore;

/**
 * One store under test, opened empty for one test by {@link StoreContract#fixture()}. The four contracts may be
 * served by one object (as store-embedded and store-mongo do) or by several that share one database.
 */
public interface StoreFixture extends AutoCloseable {

    /** @return the entry store; after {@link #reopen()} the reopened one */
    EntryStore entries();

    /** @return the audit store; after {@link #reopen()} the reopened one */
    AuditStore audit();

    /** @return the trust-root store; after {@link #reopen()} the reopened one */
    TrustRootStore trustRoots();

    /** @return the one-time key store; after {@link #reopen()} the reopened one */
    OneTimeKeyStore oneTimeKeys();

    /** @return the policy store; after {@link #reopen()} the reopened one */
    PolicyStore policies();

    /** @return whether {@link #reopen()} is supported; durability tests are skipped (assumption) otherwise */
    default boolean supportsReopen() {
        return false;
    }

    /**
     * Closes the stores and opens them again on the same data, as a restart of the service would. Leases need not
     * survive.
     *
     * @throws Exception if reopening fails
     */
    default void reopen() throws Exception {
        throw new UnsupportedOperationException("this fixture cannot reopen its store");
    }

    /**
     * @return whether {@link #otherWorker()} is supported; tests of several workers are skipped (assumption)
     *         otherwise (a store one process opens exclusively has no second worker)
     */
    default boolean supportsOtherWorkers() {
        return false;
    }

    /**
     * Opens another store on the same data, as a second worker sharing the database would. Closing the returned
     * fixture closes only that store; it must be closed before this fixture.
     *
     * @return the other worker's view of the same data ({@link #reopen()} is not supported on it)
     * @throws Exception if it cannot be opened
     */
    default StoreFixture otherWorker() throws Exception {
        throw new UnsupportedOperationException("this fixture cannot open a second worker on its data");
    }

    /**
     * Closes the stores and releases what the fixture made (files, databases).
     *
     * @throws Exception if closing fails
     */
    @Override
    void close() throws Exception;
}
