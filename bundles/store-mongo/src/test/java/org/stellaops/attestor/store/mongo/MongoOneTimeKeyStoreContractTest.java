package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.OneTimeKeyStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

/**
 * The one-time key contract, with a second worker (a second store on the same database) in the two-worker tests.
 * As with {@link MongoConcurrentStoreContractTest}, a racing test that passes here proves less than against real
 * MongoDB: the test server is not atomic under concurrent conditional updates (docs/storage.md). The store's side
 * of the races is checked deterministically in {@link OneTimeKeysTest}.
 */
class MongoOneTimeKeyStoreContractTest extends OneTimeKeyStoreContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
