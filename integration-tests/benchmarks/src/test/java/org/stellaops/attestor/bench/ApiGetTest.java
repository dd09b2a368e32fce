package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ApiGetTest {

    @Test
    void asksThePathOnTheLoopbackServer() {
        assertEquals(URI.create("http://127.0.0.1:8080/api/v1/stats"),
                ApiGet.target(new String[] {"http://127.0.0.1:8080", "/api/v1/stats"}));
    }

    @Test
    void refusesAPathThatWouldLeaveTheServerAndAnyServerThatIsNotLoopback() {
        assertThrows(UsageException.class, () -> ApiGet.target(new String[] {"http://127.0.0.1:8080",
            "//example.com/x"}));
        assertThrows(UsageException.class, () -> ApiGet.target(new String[] {"http://127.0.0.1:8080",
            "api/v1/stats"}));
        assertThrows(UsageException.class, () -> ApiGet.target(new String[] {"http://example.com",
            "/api/v1/stats"}));
        assertThrows(UsageException.class, () -> ApiGet.target(new String[] {"http://127.0.0.1:8080"}));
    }
}
