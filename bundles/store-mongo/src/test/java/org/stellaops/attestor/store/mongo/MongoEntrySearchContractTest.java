package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.EntrySearchContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoEntrySearchContractTest extends EntrySearchContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
