package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** The default configuration gives the log a checkpoint key of its own, separate from the service key. */
class DefaultCheckpointKeyTest {

    @TempDir
    Path dir;

    /** A real in-memory driver that starts with the service key only and makes new P-256 keys on request. */
    private static final class GrowingDriver implements KeyDriver {
        private final List<MemoryKeyDriver> keys = new ArrayList<>(List.of(MemoryKeyDriver.generate()));

        @Override
        public String name() {
            return "file";
        }

        @Override
        public KeyDriverCapabilities capabilities() {
            return new KeyDriverCapabilities(Set.of(KeyAlgorithm.ECDSA_P256_SHA256), true, false, false);
        }

        @Override
        public synchronized List<KeyInfo> keys() {
            return keys.stream().map(k -> k.keys().get(0)).toList();
        }

        @Override
        public synchronized Optional<KeyInfo> key(String keyId) {
            return keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
        }

        @Override
        public synchronized KeyInfo createKey(String name, KeyAlgorithm algorithm) {
            if (keys().stream().anyMatch(k -> k.name().equals(name))) {
                throw new KeyDriverException(KeyDriverException.NAME_CONFLICT, name);
            }
            MemoryKeyDriver created = new MemoryKeyDriver(MemoryKeyDriver.generateKeyPair().getPrivate(), name);
            keys.add(created);
            return created.keys().get(0);
        }

        @Override
        public synchronized byte[] sign(String keyId, byte[] message) {
            return keys.stream().filter(k -> k.key(keyId).isPresent()).findFirst()
                    .orElseThrow(() -> new KeyDriverException(KeyDriverException.NOT_FOUND, keyId))
                    .sign(keyId, message);
        }
    }

    private final GrowingDriver driver = new GrowingDriver();

    private static String keyIdOf(KeyDriver driver, String name) {
        return driver.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().keyId();
    }

    @Test
    void createsTheDefaultCheckpointKeyBesideTheServiceKey() {
        LogKey.createDefaultIfMissing(driver, LogKey.DEFAULT_NAME);
        assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, driver.key(keyIdOf(driver, LogKey.DEFAULT_NAME)).orElseThrow()
                .algorithm());
        assertNotEquals(keyIdOf(driver, "service"), keyIdOf(driver, LogKey.DEFAULT_NAME));
    }

    @Test
    void keepsAnExistingDefaultCheckpointKey() {
        LogKey.createDefaultIfMissing(driver, LogKey.DEFAULT_NAME);
        String first = keyIdOf(driver, LogKey.DEFAULT_NAME);
        LogKey.createDefaultIfMissing(driver, LogKey.DEFAULT_NAME);
        assertEquals(first, keyIdOf(driver, LogKey.DEFAULT_NAME));
        assertEquals(2, driver.keys().size());
    }

    @Test
    void neverCreatesAKeyUnderANameTheOperatorChose() {
        LogKey.createDefaultIfMissing(driver, "log-2027");
        assertEquals(1, driver.keys().size());
        assertThrows(TransparencyLogException.class,
                () -> EmbeddedLog.open(new LogSettings(dir, "log.test", "log-2027", 16, 0, ""), driver));
    }

    @Test
    void signsCheckpointsWithTheDefaultKeyNotTheServiceKey() throws Exception {
        LogKey.createDefaultIfMissing(driver, LogKey.DEFAULT_NAME);
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, "log.test", LogKey.DEFAULT_NAME, 16, 0, ""),
                driver)) {
            assertEquals(keyIdOf(driver, LogKey.DEFAULT_NAME), log.descriptor().logId());
        }
    }
}
