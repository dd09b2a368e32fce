package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiGetTest {

    @Test
    void asksThePathOnTheLoopbackServer() {
        assertEquals(URI.create("http://127.0.0.1:8080/api/v1/stats"),
                ApiGet.parse(new String[] {"http://127.0.0.1:8080", "/api/v1/stats"}).target());
    }

    @Test
    void refusesAPathThatWouldLeaveTheServerAndAnyServerThatIsNotLoopback() {
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://127.0.0.1:8080",
            "//example.com/x"}));
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://127.0.0.1:8080",
            "api/v1/stats"}));
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://example.com",
            "/api/v1/stats"}));
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://127.0.0.1:8080"}));
    }

    @Test
    void takesTheCaAndTokenOptionsAfterTheUrlAndPath() {
        ApiGet.Command c = ApiGet.parse(new String[] {"https://127.0.0.1:8443", "/api/v1/stats", "--data-dir",
            "/srv/attestor", "--token", "t"});
        assertEquals(URI.create("https://127.0.0.1:8443/api/v1/stats"), c.target());
        assertEquals(Optional.of(Path.of("/srv/attestor/tls/ca.pem")), c.server().caFile());
        assertEquals("t", c.server().token());
    }

    @Test
    void refusesAnHttpsUrlWithoutCaAndUnknownOptions() {
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"https://127.0.0.1:8443",
            "/api/v1/stats"}));
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://127.0.0.1:8080",
            "/api/v1/stats", "--insecure", "true"}));
        assertThrows(UsageException.class, () -> ApiGet.parse(new String[] {"http://127.0.0.1:8080",
            "/api/v1/stats", "--token"}));
    }

    @Test
    void healthRefusesAnHttpsUrlWithoutCaWithStatusTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(2, Health.run(new String[] {"https://127.0.0.1:8443"}, print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--cacert"), out.toString(StandardCharsets.UTF_8));
    }
}
