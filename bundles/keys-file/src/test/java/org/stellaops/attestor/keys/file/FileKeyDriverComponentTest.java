package org.stellaops.attestor.keys.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.Osgi;

class FileKeyDriverComponentTest {

    @TempDir
    Path dir;

    private FileKeyDriver activate(Map<String, Object> config) {
        return new FileKeyDriver(Osgi.context(Map.of("attestor.data.dir", dir.toString())),
                Osgi.config(FileKeyDriverConfig.class, config));
    }

    @Test
    void keepsItsKeysUnderTheDataDirectoryWithAGeneratedKeyFileByDefault() {
        FileKeyDriver driver = activate(Map.of("passphraseEnv", ""));
        assertEquals(dir.resolve("keys").toAbsolutePath(), driver.directory());
        assertTrue(Files.isRegularFile(dir.resolve("keys").resolve(KeyEncryptionKey.KEK_FILE)));
        assertEquals(FileKeyDriver.SERVICE_KEY_NAME, driver.keys().get(0).name());
    }

    @Test
    void derivesTheKeyEncryptionKeyFromTheConfiguredPassphrase() {
        FileKeyDriver driver = activate(Map.of("_passphrase", "correct horse"));
        assertTrue(Files.isRegularFile(dir.resolve("keys").resolve(KeyEncryptionKey.PARAMS_FILE)));
        assertFalse(Files.exists(dir.resolve("keys").resolve(KeyEncryptionKey.KEK_FILE)));
        assertEquals(driver.keys(), new FileKeyDriver(dir.resolve("keys"), "correct horse".toCharArray()).keys());
    }

    @Test
    void readsThePassphraseFromTheNamedEnvironmentVariable() {
        // PATH is set in every build environment; its value stands in for an operator's passphrase
        String value = System.getenv("PATH");
        FileKeyDriver driver = activate(Map.of("passphraseEnv", "PATH"));
        assertTrue(Files.isRegularFile(dir.resolve("keys").resolve(KeyEncryptionKey.PARAMS_FILE)),
                "a passphrase was found in the environment");
        assertEquals(driver.keys(), new FileKeyDriver(dir.resolve("keys"), value.toCharArray()).keys());
    }
}
