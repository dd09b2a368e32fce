package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.EntryFactSearchContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoEntryFactSearchContractTest extends EntryFactSearchContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
