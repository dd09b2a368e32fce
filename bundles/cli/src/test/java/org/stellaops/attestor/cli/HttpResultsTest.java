package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HttpResultsTest {

    private static final String WHAT = "GET http://127.0.0.1:8080/api/v1/rekor/entries/x";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void returnsTheJsonBodyOfASuccessfulAnswer() {
        assertEquals("sha256:ab", HttpResults.interpret(200, utf8("{\"envelopeDigest\":\"sha256:ab\"}"), WHAT)
                .path("envelopeDigest").asText());
    }

    @Test
    void turnsAClientErrorProblemIntoExit1WithItsCodeAndDetail() {
        CliException e = assertThrows(CliException.class, () -> HttpResults.interpret(404, utf8(
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"entry.not_found\","
                        + "\"detail\":\"no entry with that uuid\"}"), WHAT));

        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertEquals("entry.not_found", e.code());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("no entry with that uuid"), e::getMessage);
    }

    @Test
    void turnsAClientErrorWithoutProblemBodyIntoExit1() {
        CliException e = assertThrows(CliException.class, () -> HttpResults.interpret(405, new byte[0], WHAT));

        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertEquals("http.405", e.code());
    }

    @Test
    void turnsAServerErrorIntoExit3() {
        CliException e = assertThrows(CliException.class, () -> HttpResults.interpret(503,
                utf8("{\"code\":\"log.unavailable\",\"detail\":\"primary log down\"}"), WHAT));

        assertEquals(ExitCodes.UNAVAILABLE, e.exitCode());
        assertTrue(e.getMessage().contains("log.unavailable: primary log down"), e::getMessage);
    }

    @Test
    void turnsASuccessfulAnswerThatIsNotJsonIntoExit3() {
        CliException e = assertThrows(CliException.class,
                () -> HttpResults.interpret(200, utf8("<html>proxy login</html>"), WHAT));

        assertEquals(ExitCodes.UNAVAILABLE, e.exitCode());
        assertEquals("response.malformed", e.code());
    }
}
