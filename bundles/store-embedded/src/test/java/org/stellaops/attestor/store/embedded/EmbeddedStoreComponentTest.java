package org.stellaops.attestor.store.embedded;

import org.stellaops.attestor.testing.Osgi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.EntryStore;
import org.stellaops.attestor.store.TrustRootStore;

class EmbeddedStoreComponentTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsFileUnderTheDataDirectoryByDefault() {
        List<Osgi.Registration> regs = Osgi.newRegistrations();
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of("attestor.data.dir", dir.toString()), regs),
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
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of(), Osgi.newRegistrations()),
                Osgi.config(EmbeddedStoreConfig.class, Map.of("path", custom.toString())));
        try {
            assertEquals(custom.toAbsolutePath(), store.path());
        } finally {
            store.close();
        }
    }

    @Test
    void registersTheThreeStoresOnActivationAndUnregistersThemOnDeactivation() {
        List<Osgi.Registration> regs = Osgi.newRegistrations();
        EmbeddedStore store = new EmbeddedStore(Osgi.context(Map.of("attestor.data.dir", dir.toString()), regs),
                Osgi.config(EmbeddedStoreConfig.class, Map.of()));
        assertEquals(List.of(EntryStore.class, TrustRootStore.class, AuditStore.class),
                regs.stream().map(r -> r.type).toList());
        assertSame(store.entries(), regs.get(0).service);
        assertSame(store.trustRoots(), regs.get(1).service);
        assertSame(store.audit(), regs.get(2).service);
        regs.forEach(r -> assertEquals("embedded", r.properties.get(EmbeddedStore.STORE_PROPERTY)));
        store.close();
        regs.forEach(r -> assertTrue(r.unregistered));
    }
}
