package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.auth.Scope;

class RouteTest {

    private final Route fetch = Route.of("GET", "/v1/rekor/entries/([^/]+)", Scope.READ, (exchange, params) -> { });

    @Test
    void capturesThePathParameter() {
        assertEquals(List.of("abc"), fetch.match("/v1/rekor/entries/abc"));
    }

    @Test
    void doesNotMatchDeeperPaths() {
        assertNull(fetch.match("/v1/rekor/entries/abc/def"));
    }

    @Test
    void doesNotMatchAPrefix() {
        assertNull(fetch.match("/v1/rekor/entries"));
    }

    @Test
    void routeWithoutGroupsMatchesWithNoParameters() {
        assertEquals(List.of(), Route.of("GET", "/v1/logs", Scope.READ, (e, p) -> { }).match("/v1/logs"));
    }
}
