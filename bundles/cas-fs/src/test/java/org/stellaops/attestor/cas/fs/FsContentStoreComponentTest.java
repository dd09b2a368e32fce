package org.stellaops.attestor.cas.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.Osgi;

class FsContentStoreComponentTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsObjectsUnderTheDataDirectoryByDefault() {
        FsContentStore store = new FsContentStore(
                Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                Osgi.config(CasFsConfig.class, Map.of()));
        assertEquals(dir.resolve("cas").toAbsolutePath(), store.root());
        String address = store.put(new byte[] {1, 2, 3});
        store.close();
        assertTrue(Files.isRegularFile(dir.resolve("cas").resolve(Packs.DIRECTORY).resolve("00000001.pack")));
        assertTrue(new FsContentStore(dir.resolve("cas")).contains(address));
    }

    @Test
    void writesAFilePerObjectWhenThePackSizeIsZero() {
        FsContentStore store = new FsContentStore(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                Osgi.config(CasFsConfig.class, Map.of("packSizeMb", 0)));
        String address = store.put(new byte[] {1, 2, 3});
        assertTrue(Files.isRegularFile(store.pathOf(address)));
    }

    @Test
    void usesTheConfiguredDirectory() {
        Path custom = dir.resolve("archive");
        FsContentStore store = new FsContentStore(Osgi.context(Map.of()),
                Osgi.config(CasFsConfig.class, Map.of("directory", custom.toString())));
        assertEquals(custom.toAbsolutePath(), store.root());
    }
}
