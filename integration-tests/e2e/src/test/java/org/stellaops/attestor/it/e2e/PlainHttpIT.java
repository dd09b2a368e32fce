package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Plain HTTP exists only as a loud opt-in for local development, and changes nothing about authentication. */
class PlainHttpIT {

    @Test
    void theOptInWarnsLoudlyAndTheApiStillWantsAToken() {
        try (AttestorProcess server = AttestorProcess.startPlain(AttestorProcess.freshDataDir(),
                AttestorProcess.freeLoopbackPort())) {
            assertTrue(server.output().contains("The API listens on PLAIN HTTP at http://127.0.0.1:" + server.port()),
                    server.output());
            RawClient plain = new RawClient(server.baseUri(), null);
            plain.send("GET", "/api/v1/stats").response().assertProblem(401, "auth.missing");
            assertEquals(200, plain.send("GET", "/api/v1/stats", "Authorization", TestHttp.authorization(server))
                    .response().status());
        }
    }
}
