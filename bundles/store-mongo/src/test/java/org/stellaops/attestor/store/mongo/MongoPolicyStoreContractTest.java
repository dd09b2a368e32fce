package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.PolicyStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoPolicyStoreContractTest extends PolicyStoreContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
