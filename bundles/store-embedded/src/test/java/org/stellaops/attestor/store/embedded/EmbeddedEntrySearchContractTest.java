package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.tck.EntrySearchContract;
import org.stellaops.attestor.store.tck.StoreFixture;

class EmbeddedEntrySearchContractTest extends EntrySearchContract {

    @TempDir
    Path dir;

    @Override
    protected StoreFixture fixture() {
        return new EmbeddedFixture(dir.resolve("store").resolve("attestor.mv"));
    }
}
