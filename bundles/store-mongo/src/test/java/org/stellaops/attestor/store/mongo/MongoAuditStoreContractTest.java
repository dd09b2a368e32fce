package org.stellaops.attestor.store.mongo;

import org.stellaops.attestor.store.tck.AuditStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class MongoAuditStoreContractTest extends AuditStoreContract {

    @Override
    protected StoreFixture fixture() {
        return new MongoFixture();
    }
}
