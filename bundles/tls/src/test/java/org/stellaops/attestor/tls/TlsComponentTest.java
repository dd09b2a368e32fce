package org.stellaops.attestor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.stellaops.attestor.testing.Osgi;

class TlsComponentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private String activate(Map<String, String> properties) {
        BundleContext context = Osgi.context(properties);
        console.reset();
        new TlsComponent(context, TlsSettings.from(context::getProperty), CLOCK,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        return console.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> generating() {
        Map<String, String> properties = new HashMap<>();
        properties.put("attestor.data.dir", data.toString());
        properties.put("attestor.tls.generate", "true");
        properties.put("org.apache.felix.https.enable", "true");
        properties.put("org.apache.felix.https.keystore", data.resolve("tls/server.p12").toString());
        properties.put("org.apache.felix.https.keystore.password", TestPki.PASSWORD);
        properties.put("org.osgi.service.http.port.secure", "9443");
        return properties;
    }

    @Test
    void announcesANewCaOnceWithHowToTrustIt() {
        String first = activate(generating());
        String ca = data.resolve("tls").resolve("ca.pem").toString();
        assertTrue(first.contains("stella --cacert " + ca), first);
        assertTrue(first.contains("curl --cacert " + ca + " https://127.0.0.1:9443/"), first);
        assertEquals("", activate(generating()));
    }

    @Test
    void acceptsAnOwnKeyStoreAndGeneratesNothing() {
        activate(generating());
        Path own = data.resolve("own");
        Map<String, String> properties = generating();
        properties.put("attestor.tls.generate", "false");
        properties.put("attestor.data.dir", own.toString());
        assertEquals("", activate(properties));
        assertFalse(Files.exists(own.resolve("tls")));
    }

    @Test
    void reportsAnOwnKeyStoreThatTheConfiguredPasswordDoesNotOpen() {
        activate(generating());
        Map<String, String> properties = generating();
        properties.put("attestor.tls.generate", "false");
        properties.put("org.apache.felix.https.keystore.password", "wrong");
        TlsException failure = assertThrows(TlsException.class, () -> activate(properties));
        assertEquals(TlsException.KEYSTORE_UNUSABLE, failure.code());
    }

    @Test
    void doesNothingWhenHttpsIsOffAndNothingIsToBeGenerated() {
        Map<String, String> properties = new HashMap<>();
        properties.put("attestor.data.dir", data.toString());
        properties.put("org.apache.felix.http.enable", "true");
        assertEquals("", activate(properties));
        assertFalse(Files.exists(data.resolve("tls")));
    }
}
