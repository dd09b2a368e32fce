package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.StoreFixture;
import org.stellaops.attestor.store.tck.TenantIsolationContract;

class MongoTenantIsolationContractTest extends TenantIsolationContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
