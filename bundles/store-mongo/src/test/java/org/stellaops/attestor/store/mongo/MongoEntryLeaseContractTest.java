package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.EntryLeaseContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoEntryLeaseContractTest extends EntryLeaseContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
