package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** {@code stella attest search} against a real HTTPS search on loopback. */
class SearchCommandTest {

    private static final String HEX = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

    @TempDir
    Path dir;

    private SearchServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new SearchServer(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static List<String> uuidsOfTable(String out) {
        return out.lines().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    @Test
    void allFollowsNextCursorAcrossThreePagesAndWritesEveryRecordNewestFirst() {
        server.holding(5);
        Cli.Result result = server.run("attest", "search", "--all", "--limit", "2");
        result.assertExit(ExitCodes.OK);
        assertEquals(List.of(SearchServer.uuid(1), SearchServer.uuid(2), SearchServer.uuid(3), SearchServer.uuid(4),
                SearchServer.uuid(5)), uuidsOfTable(result.out()));
        assertEquals(3, server.requests().size());
        assertEquals(Map.of("limit", "2"), server.parameters(0));
        assertEquals(Map.of("limit", "2", "cursor", "c/2+"), server.parameters(1));
        assertEquals(Map.of("limit", "2", "cursor", "c/4+"), server.parameters(2));
        assertEquals("", result.err());
    }

    @Test
    void aTableLineShowsUuidCreatedTypeStatusAndSubjectDigest() {
        server.holding(1);
        Cli.Result result = server.run("attest", "search");
        result.assertExit(ExitCodes.OK);
        assertEquals(SearchServer.uuid(1) + "  2026-05-09T09:00:00Z  https://slsa.dev/provenance/v1  logged  sha256:"
                + "d1".repeat(32) + "\n", result.out());
        assertNull(server.requests().get(0).query());
    }

    @Test
    void jsonOfEveryPageIsOneMergedPageWithoutCursor() {
        server.holding(5);
        Cli.Result result = server.run("attest", "search", "--all", "--limit", "2", "--output", "json");
        result.assertExit(ExitCodes.OK);
        JsonNode merged = json(result.out());
        assertEquals(5, merged.get("entries").size());
        assertEquals(SearchServer.uuid(5), merged.at("/entries/4/uuid").asText());
        assertEquals(json(SearchServer.record(3)), merged.at("/entries/2"));
        assertTrue(merged.get("nextCursor").isNull());
    }

    @Test
    void theCapStopsOnAPageBoundaryAndSaysWhichCursorContinues() {
        server.holding(5);
        Cli.Result result = server.run("attest", "search", "--all", "--limit", "2", "--max-records", "3",
                "--output", "json");
        result.assertExit(ExitCodes.OK);
        JsonNode merged = json(result.out());
        assertEquals(3, merged.get("entries").size());
        assertEquals("c/3+", merged.get("nextCursor").asText());
        assertEquals(Map.of("limit", "1", "cursor", "c/2+"), server.parameters(1));
        assertEquals("stella: note: stopped after 3 records (--max-records 3); more records may match: continue "
                + "with --cursor c/3+", result.err().strip());
    }

    @Test
    void aCursorContinuesWhereTheCapStopped() {
        server.holding(5);
        Cli.Result result = server.run("attest", "search", "--all", "--limit", "2", "--cursor", "c/3+");
        result.assertExit(ExitCodes.OK);
        assertEquals(List.of(SearchServer.uuid(4), SearchServer.uuid(5)), uuidsOfTable(result.out()));
        assertEquals("c/3+", server.parameters(0).get("cursor"));
    }

    @Test
    void withoutAllOnePageIsWrittenAndStandardErrorNamesTheCursorThatContinues() {
        server.holding(5);
        Cli.Result result = server.run("attest", "search", "--limit", "2");
        result.assertExit(ExitCodes.OK);
        assertEquals(List.of(SearchServer.uuid(1), SearchServer.uuid(2)), uuidsOfTable(result.out()));
        assertEquals(1, server.requests().size());
        assertEquals("stella: note: this is one page (--all reads every page); more records may match: continue "
                + "with --cursor c/2+", result.err().strip());
    }

    @Test
    void sendsFactFiltersAndEveryOtherValuePercentEncoded() {
        server.holding(0);
        Cli.Result result = server.run("attest", "search", "--subject", "sha256:" + HEX.toUpperCase(),
                "--predicate-type", "https://cyclonedx.org/bom", "--since", "2026-04-01T00:00:00+02:00",
                "--fact", "sbom.purls=pkg:npm/@scope/name@1.2.3?type=jar&x=1",
                "--fact", "sbom.licenses=Apache-2.0 OR MIT", "--fact", "scan.severity.critical=0");
        result.assertExit(ExitCodes.OK);
        assertEquals("subject=sha256%3A" + HEX + "&predicateType=https%3A%2F%2Fcyclonedx.org%2Fbom"
                + "&since=2026-03-31T22%3A00%3A00Z"
                + "&fact.sbom.purls=pkg%3Anpm%2F%40scope%2Fname%401.2.3%3Ftype%3Djar%26x%3D1"
                + "&fact.sbom.licenses=Apache-2.0%20OR%20MIT&fact.scan.severity.critical=0",
                server.requests().get(0).query());
        Map<String, String> seen = server.parameters(0);
        assertEquals("pkg:npm/@scope/name@1.2.3?type=jar&x=1", seen.get("fact.sbom.purls"));
        assertEquals("Apache-2.0 OR MIT", seen.get("fact.sbom.licenses"));
        assertEquals("no records\n", result.out());
    }

    @Test
    void theServicesBadRequestProblemExitsOneWithItsCodeAndDetail() {
        server.answering(400, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"code\":\"request.invalid\",\"detail\":\"query parameter cursor: is not a cursor this service "
                + "gave out (pass nextCursor unchanged)\"}");
        Cli.Result result = server.run("attest", "search", "--cursor", "forged");
        result.assertExit(ExitCodes.FAILED);
        assertEquals("stella: error [request.invalid]: GET " + server.url() + "/api/v1/rekor/entries?cursor=forged "
                + "was refused (HTTP 400): query parameter cursor: is not a cursor this service gave out (pass "
                + "nextCursor unchanged)", result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void aRefusalForLackOfPermissionHintsAtTheReadScope() {
        server.answering(403, "{\"status\":403,\"code\":\"auth.insufficient_scope\",\"detail\":\"needs "
                + "attestor.read\"}");
        Cli.Result result = server.run("attest", "search");
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("stella: hint: ") && result.err().contains("--scope attestor.read"),
                result::toString);
    }

    @Test
    void nothingIsWrittenWhenALaterPageFails() {
        server.holding(5).failing("c/2+", 503, "{\"status\":503,\"code\":\"storage.unavailable\"}");
        Path file = dir.resolve("records.ndjson");
        Cli.Result result = server.run("attest", "search", "--all", "--limit", "2", "--output", "ndjson", "--out",
                file.toString());
        result.assertExit(ExitCodes.UNAVAILABLE);
        assertTrue(result.err().contains("[http.503]") && result.err().contains("storage.unavailable"),
                result::toString);
        assertTrue(Files.notExists(file));
    }

    @Test
    void ndjsonGoesToTheOutFileOneRecordPerLine() throws Exception {
        server.holding(3);
        Path file = dir.resolve("records.ndjson");
        Cli.Result result = server.run("attest", "search", "--all", "--output", "ndjson", "--out", file.toString());
        result.assertExit(ExitCodes.OK);
        assertEquals("", result.out());
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals(json(SearchServer.record(2)), json(lines.get(1)));
    }

    @Test
    void aPageWithMoreRecordsThanAskedIsNotTheApi() {
        server.answering(200, "{\"entries\":[" + SearchServer.record(1) + "," + SearchServer.record(2) + ","
                + SearchServer.record(3) + "],\"nextCursor\":null}");
        Cli.Result result = server.run("attest", "search", "--limit", "2");
        result.assertExit(ExitCodes.UNAVAILABLE);
        assertTrue(result.err().contains("[response.malformed]") && result.err().contains("3 records for a page of "
                + "at most 2"), result::toString);
    }

    @Test
    void anAnswerWithoutEntriesIsNotTheApi() {
        server.answering(200, "{\"records\":[]}");
        Cli.Result result = server.run("attest", "search");
        result.assertExit(ExitCodes.UNAVAILABLE);
        assertTrue(result.err().contains("[response.malformed]"), result::toString);
    }

    @Test
    void aBadFactIsAUsageErrorBeforeAnythingIsSent() {
        Cli.Result result = server.run("attest", "search", "--fact", "scan.severity.critical");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_fact]") && result.err().contains("<name>=<value>"),
                result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsAUsageErrorBeforeAnythingIsSent() {
        Cli.Result result = server.run("attest", "search", "--since", "2026-04-01T00:00:00Z", "--until",
                "2026-04-01T01:00:00+02:00");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(result.err().contains("[usage.bad_time]"), result::toString);
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void helpListsTheFiltersThePagingAndTheExitCodes() {
        Cli.Result result = Cli.run("attest", "search", "--help");
        result.assertExit(ExitCodes.OK);
        for (String text : new String[] {"--subject", "--predicate-type", "--signer", "--since", "--until",
            "--fact", "scan.severity.critical=0", "--limit", "--all", "--max-records", "10000", "--cursor",
            "--output", "ndjson", "--out", "attestor.read", "Exit codes:"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }
}
