package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.Osgi;

class EmbeddedStoreComponentTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsFileUnderTheDataDirectoryByDefault() {
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                Osgi.config(EmbeddedStoreConfig.class, Map.of()));
        try {
            assertEquals(dir.resolve("store").resolve("attestor.mv").toAbsolutePath(), store.path());
            assertTrue(Files.isRegularFile(store.path()));
        } finally {
            store.close();
        }
    }

    @Test
    void usesTheConfiguredPath() {
        Path custom = dir.resolve("elsewhere").resolve("custom.mv");
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of()),
                Osgi.config(EmbeddedStoreConfig.class, Map.of("path", custom.toString())));
        try {
            assertEquals(custom.toAbsolutePath(), store.path());
        } finally {
            store.close();
        }
    }

    @Test
    void oneComponentServesAllFourContractsFromOneFile() {
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                Osgi.config(EmbeddedStoreConfig.class, Map.of()));
        try {
            store.append(Records.event(1));
            assertEquals(List.of(Records.event(1)), store.audit().recentEvents(1));
            assertEquals(1, store.eventCount());
            assertEquals(0, store.count(), "audit events are not entries");
            assertTrue(store.oneTimeKeys().claim("dpop.jti", "component", Instant.now().plusSeconds(3600)));
            assertFalse(store.claim("dpop.jti", "component", Instant.now().plusSeconds(3600)));
            assertEquals(0, store.count(), "one-time keys are not entries");
        } finally {
            store.close();
        }
    }
}
