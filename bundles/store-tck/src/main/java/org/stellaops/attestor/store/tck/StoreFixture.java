package org.stellaops.attestor.store.tck;

import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.TrustRootStore;

/**
 * One store under test, opened empty for one test by {@link StoreContract#fixture()}. The three contracts may be
 * served by one object (as store-embedded does) or by three that share one database.
 */
public interface StoreFixture extends AutoCloseable {

    /** @return the entry store; after {@link #reopen()} the reopened one */
    EntryStore entries();

    /** @return the audit store; after {@link #reopen()} the reopened one */
    AuditStore audit();

    /** @return the trust-root store; after {@link #reopen()} the reopened one */
    TrustRootStore trustRoots();

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
     * Closes the stores and releases what the fixture made (files, databases).
     *
     * @throws Exception if closing fails
     */
    @Override
    void close() throws Exception;
}
