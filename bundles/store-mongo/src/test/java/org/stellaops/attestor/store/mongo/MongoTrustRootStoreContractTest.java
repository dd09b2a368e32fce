package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.TrustRootStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoTrustRootStoreContractTest extends TrustRootStoreContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
