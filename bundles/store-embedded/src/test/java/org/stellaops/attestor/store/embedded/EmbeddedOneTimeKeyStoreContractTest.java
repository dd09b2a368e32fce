package org.stellaops.attestor.store.embedded;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.tck.OneTimeKeyStoreContract;
import org.stellaops.attestor.store.tck.StoreFixture;

/** The one-time key contract; the two-worker tests are skipped, as one process owns the file. */
class EmbeddedOneTimeKeyStoreContractTest extends OneTimeKeyStoreContract {

    @TempDir
    Path dir;

    @Override
    protected StoreFixture fixture() {
        return new EmbeddedFixture(dir.resolve("store").resolve("attestor.mv"));
    }
}
