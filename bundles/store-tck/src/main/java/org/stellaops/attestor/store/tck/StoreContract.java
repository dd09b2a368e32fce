package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.OneTimeKeyStore;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.TrustRootStore;

/**
 * The lifecycle every contract class shares: a fresh, empty store per test, closed afterwards. A store module
 * extends each contract class in its own tests and implements {@link #fixture()}.
 *
 * <p>A test a store cannot pass for a documented reason is skipped by overriding its method without
 * {@code @Test} (JUnit does not run an overridden test method unless the override is annotated again); the reason
 * belongs in a comment there and in docs/storage.md.
 */
public abstract class StoreContract {

    private StoreFixture store;

    /**
     * Opens a fresh, empty store. Called once before every test.
     *
     * @return the fixture; closed by the suite after the test
     * @throws Exception if the store cannot be opened
     */
    protected abstract StoreFixture fixture() throws Exception;

    /**
     * Opens the store under test.
     *
     * @throws Exception if it cannot be opened
     */
    @BeforeEach
    protected void openStoreUnderTest() throws Exception {
        store = fixture();
    }

    /**
     * Closes the store under test.
     *
     * @throws Exception if it cannot be closed
     */
    @AfterEach
    protected void closeStoreUnderTest() throws Exception {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** @return the fixture of the current test */
    protected StoreFixture store() {
        return store;
    }

    /** @return the entry store under test */
    protected EntryStore entries() {
        return store.entries();
    }

    /** @return the audit store under test */
    protected AuditStore audit() {
        return store.audit();
    }

    /** @return the trust-root store under test */
    protected TrustRootStore trustRoots() {
        return store.trustRoots();
    }

    /** @return the policy store under test */
    protected PolicyStore policies() {
        return store.policies();
    }

    /** @return the one-time key store under test */
    protected OneTimeKeyStore oneTimeKeys() {
        return store.oneTimeKeys();
    }

    /**
     * Opens a second worker on the same data; skips the calling test if the fixture cannot.
     *
     * @return the other worker, to be closed by the caller
     * @throws Exception if it cannot be opened
     */
    protected StoreFixture otherWorker() throws Exception {
        assumeTrue(store.supportsOtherWorkers(), "the fixture cannot open a second worker on its data");
        return store.otherWorker();
    }

    /**
     * Restarts the store on the same data; skips the calling test if the fixture cannot.
     *
     * @throws Exception if reopening fails
     */
    protected void reopen() throws Exception {
        assumeTrue(store.supportsReopen(), "the fixture does not support reopening");
        store.reopen();
    }
}
