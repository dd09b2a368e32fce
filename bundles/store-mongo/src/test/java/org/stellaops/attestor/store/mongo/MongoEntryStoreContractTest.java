package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.EntryStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoEntryStoreContractTest extends EntryStoreContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
