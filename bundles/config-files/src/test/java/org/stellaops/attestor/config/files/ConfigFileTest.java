package org.stellaops.attestor.config.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;

class ConfigFileTest {

    private static ConfigFile parse(String name, String json) {
        return ConfigFile.parse(name, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String name, String json) {
        AttestorException e = assertThrows(AttestorException.class, () -> parse(name, json));
        assertEquals(ConfigFile.MALFORMED, e.code());
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
    }

    @Test
    void readsASingletonConfigurationFromPidDotJson() {
        ConfigFile file = parse("org.stellaops.attestor.core.json", "{\"maxJsonDepth\": 32}");
        assertEquals("org.stellaops.attestor.core", file.pid());
        assertEquals(Optional.empty(), file.name());
        assertEquals(32L, file.properties().get("maxJsonDepth"));
    }

    @Test
    void readsAFactoryInstanceFromPidTildeName() {
        ConfigFile file = parse("org.stellaops.attestor.tlog.rekor~primary.json", "{\"kind\": \"rekor-v2\"}");
        assertEquals("org.stellaops.attestor.tlog.rekor", file.pid());
        assertEquals(Optional.of("primary"), file.name());
        assertEquals("rekor-v2", file.properties().get("kind"));
    }

    @Test
    void keepsBooleansDecimalsAndHomogeneousArrays() {
        ConfigFile file = parse("p.json", "{\"on\": true, \"ratio\": 0.5, \"names\": [\"a\", \"b\"], \"sizes\": [1, 2]}");
        assertEquals(Boolean.TRUE, file.properties().get("on"));
        assertEquals(0.5d, file.properties().get("ratio"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) file.properties().get("names"));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) file.properties().get("sizes"));
    }

    @Test
    void refusesNestedObjects() {
        assertRefused("p.json", "{\"nested\": {\"a\": 1}}");
    }

    @Test
    void refusesArraysThatMixTypes() {
        assertRefused("p.json", "{\"mixed\": [\"a\", 1]}");
    }

    @Test
    void refusesNullValues() {
        assertRefused("p.json", "{\"gone\": null}");
    }

    @Test
    void refusesDuplicateProperties() {
        assertRefused("p.json", "{\"a\": 1, \"a\": 2}");
    }

    @Test
    void refusesContentThatIsNotAnObject() {
        assertRefused("p.json", "[1, 2]");
    }

    @Test
    void refusesMalformedJson() {
        assertRefused("p.json", "{\"a\": ");
    }

    @Test
    void refusesPropertiesTheLoaderReservesForItself() {
        assertRefused("p.json", "{\"attestor.config.sha256\": \"x\"}");
        assertRefused("p.json", "{\"service.pid\": \"other\"}");
    }

    @Test
    void refusesFileNamesThatAreNotPids() {
        assertRefused("white space.json", "{}");
        assertRefused("a~.json", "{}");
    }

    @Test
    void skipsHiddenAndNonJsonFiles() {
        assertFalse(ConfigFile.isCandidate(".org.stellaops.attestor.core.json"));
        assertFalse(ConfigFile.isCandidate("org.stellaops.attestor.core.cfg"));
        assertTrue(ConfigFile.isCandidate("org.stellaops.attestor.core.json"));
    }

    @Test
    void fingerprintsTheExactBytes() {
        assertNotEquals(parse("p.json", "{\"a\": 1}").sha256(), parse("p.json", "{\"a\":1}").sha256());
        assertEquals(parse("p.json", "{\"a\": 1}").sha256(), parse("p.json", "{\"a\": 1}").sha256());
    }
}
