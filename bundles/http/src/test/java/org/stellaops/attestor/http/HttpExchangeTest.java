package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpExchangeTest {

    private static final String NDJSON = "application/x-ndjson";

    @Test
    void acceptsAMediaTypeNamedAmongOthersWithAnyCaseAndParameters() {
        assertTrue(HttpExchange.accepts(NDJSON, NDJSON));
        assertTrue(HttpExchange.accepts("application/json;q=0.5, Application/X-NDJSON; q=0.9", NDJSON));
    }

    @Test
    void doesNotTakeWildcardsOrAbsenceAsAskingForIt() {
        assertFalse(HttpExchange.accepts(null, NDJSON));
        assertFalse(HttpExchange.accepts("*/*", NDJSON));
        assertFalse(HttpExchange.accepts("application/*", NDJSON));
        assertFalse(HttpExchange.accepts("application/json", NDJSON));
    }

    @Test
    void honoursQualityZeroAsARefusal() {
        assertFalse(HttpExchange.accepts("application/x-ndjson;q=0", NDJSON));
        assertFalse(HttpExchange.accepts("application/x-ndjson; q=0.000", NDJSON));
        assertTrue(HttpExchange.accepts("application/x-ndjson;q=0.001", NDJSON));
    }

    @Test
    void recognisesJsonAndStructuredJsonMediaTypes() {
        assertTrue(HttpExchange.isJson("application/json; charset=utf-8"));
        assertTrue(HttpExchange.isJson("application/vnd.dsse+json"));
        assertFalse(HttpExchange.isJson(NDJSON));
    }
}
