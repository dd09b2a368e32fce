package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {

    static final String VERSION_1 = "{\"id\":\"release\",\"version\":1,\"state\":\"superseded\",\"deleted\":false,"
            + "\"format\":\"json\",\"digest\":\"sha256:aa\",\"author\":\"ci#alice\",\"createdAt\":\"2026-05-01T09:00:00Z\","
            + "\"approvalRequired\":true,\"approvals\":[{\"approver\":\"ci#bob\",\"approvedAt\":\"2026-05-01T09:30:00Z\"}],"
            + "\"comment\":\"first cut\",\"url\":\"/api/v1/policies/release/versions/1\",\"document\":\"{\\\"id\\\":\\\"release\\\",\\\"version\\\":1}\"}";
    static final String VERSION_2 = "{\"id\":\"release\",\"version\":2,\"state\":\"pending\",\"deleted\":false,"
            + "\"format\":\"yaml\",\"digest\":\"sha256:bb\",\"author\":\"ci#alice\",\"createdAt\":\"2026-05-02T09:00:00Z\","
            + "\"approvalRequired\":true,\"approvals\":[],\"comment\":\"\",\"url\":\"/api/v1/policies/release/versions/2\","
            + "\"document\":\"id: release\\nversion: 2\\n\"}";
    static final String POLICY = "{\"id\":\"release\",\"activeVersion\":1,\"latestVersion\":2,\"deleted\":false,"
            + "\"url\":\"/api/v1/policies/release\",\"versions\":[" + VERSION_1 + "," + VERSION_2 + "]}";

    @TempDir
    Path dir;

    private KeyServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new KeyServer(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void listPrintsEachPolicyWithItsActiveAndPendingVersions() {
        server.answer("GET /api/v1/policies", 200, "{\"policies\":[" + POLICY + "]}");
        Cli.Result result = server.run("attest", "policy", "list");
        result.assertExit(ExitCodes.OK);
        assertEquals("release  active v1  latest v2  pending approval: v2", result.out().strip());
    }

    @Test
    void showPrintsEveryVersionWithItsApprovals() {
        server.answer("GET /api/v1/policies/release", 200, POLICY);
        Cli.Result result = server.run("attest", "policy", "show", "--id", "release");
        result.assertExit(ExitCodes.OK);
        String[] lines = result.out().split("\\R");
        assertEquals("  v1  superseded  json sha256:aa  by ci#alice at 2026-05-01T09:00:00Z  approved by ci#bob  "
                + "\"first cut\"", lines[1]);
        assertEquals("  v2  pending  yaml sha256:bb  by ci#alice at 2026-05-02T09:00:00Z  awaiting approval", lines[2]);
    }

    @Test
    void showPrintsAVersionsDocumentExactlyAsStored() {
        server.answer("GET /api/v1/policies/release/versions/2", 200, VERSION_2);
        Cli.Result result = server.run("attest", "policy", "show", "--id", "release", "--version", "2",
                "--document");
        result.assertExit(ExitCodes.OK);
        assertEquals("id: release\nversion: 2\n", result.out());
    }

    @Test
    void createSendsAYamlFileAsYamlWithItsComment() throws Exception {
        Path file = dir.resolve("release.yaml");
        Files.writeString(file, "id: release\nversion: 1\n");
        server.answer("POST /api/v1/policies", 201, POLICY);
        Cli.Result result = server.run("attest", "policy", "create", "--file", file.toString(), "--comment",
                "first cut");
        result.assertExit(ExitCodes.OK);
        TestTls.Request request = server.requests().get(0);
        assertEquals("id: release\nversion: 1\n", request.body());
        assertEquals("application/yaml", request.headers().getFirst("Content-Type"));
        assertEquals("comment=first+cut", request.query());
    }

    @Test
    void updateSendsAJsonFileAsWrittenToThePolicysPath() throws Exception {
        Path file = dir.resolve("release.json");
        String document = "{ \"id\": \"release\", \"version\": 2 }";
        Files.writeString(file, document);
        server.answer("PUT /api/v1/policies/release", 200, POLICY);
        server.run("attest", "policy", "update", "--id", "release", "--file",
                file.toString()).assertExit(ExitCodes.OK);
        assertEquals(document, server.requests().get(0).body());
        assertEquals("application/json", server.requests().get(0).headers().getFirst("Content-Type"));
    }

    @Test
    void approveAndDeleteCallTheirRoutes() {
        server.answer("POST /api/v1/policies/release/versions/2/approve", 200, POLICY);
        server.answer("DELETE /api/v1/policies/release", 200, POLICY);
        server.run("attest", "policy", "approve", "--id", "release", "--version", "2").assertExit(ExitCodes.OK);
        server.run("attest", "policy", "delete", "--id", "release", "--comment", "gone").assertExit(ExitCodes.OK);
        assertEquals("comment=gone", server.requests().get(1).query());
    }

    @Test
    void reportsTheTwoPersonRuleRefusalWithItsCode() {
        server.answer("POST /api/v1/policies/release/versions/2/approve", 403, "{\"status\":403,\"code\":"
                + "\"policy.self_approval\",\"detail\":\"another principal must approve it\"}");
        Cli.Result result = server.run("attest", "policy", "approve", "--id", "release", "--version", "2");
        result.assertExit(ExitCodes.FAILED);
        assertTrue(result.err().contains("[policy.self_approval]"), result.err());
    }

    @Test
    void simulateSendsTheDraftAndTheSelectionAndPrintsTheCounts() throws Exception {
        Path file = dir.resolve("draft.json");
        Files.writeString(file, "{\"id\":\"release\",\"version\":3}");
        server.answer("POST /api/v1/policies/release/simulate", 200, "{\"policyId\":\"release\",\"activeVersion\":1,"
                + "\"draftDigest\":\"sha256:cc\",\"evaluatedAt\":\"2026-05-03T00:00:00Z\",\"evaluated\":3,"
                + "\"summary\":{\"newlyFailing\":1,\"newlyPassing\":0,\"unchangedPassing\":2,\"unchangedFailing\":0,"
                + "\"errors\":0},\"newlyFailing\":[{\"envelopeDigest\":\"sha256:dd\",\"predicateType\":\"t\","
                + "\"active\":\"pass\",\"draft\":\"fail\",\"draftFailures\":[\"two\"]}],\"newlyPassing\":[],"
                + "\"truncated\":false}");
        Cli.Result result = server.run("attest", "policy", "simulate", "--id", "release", "--file", file.toString(),
                "--since", "2026-04-01T00:00:00+02:00", "--limit", "5");
        result.assertExit(ExitCodes.OK);
        JsonNode body = server.body(0);
        assertEquals(3, body.at("/draft/version").asInt());
        assertEquals("2026-03-31T22:00:00Z", body.get("since").asText());
        assertEquals(5, body.get("limit").asInt());
        String[] lines = result.out().split("\\R");
        assertEquals("3 records: 1 newly failing, 0 newly passing, 2 still passing, 0 still failing, 0 errors",
                lines[1]);
        assertEquals("newly failing  sha256:dd  t  pass -> fail  failing [\"two\"]", lines[2]);
    }

    @Test
    void simulateSendsAStoredVersionOrAYamlDraft() throws Exception {
        server.answer("POST /api/v1/policies/release/simulate", 200, "{\"summary\":{}}");
        server.run("attest", "policy", "simulate", "--id", "release", "--draft-version",
                "2").assertExit(ExitCodes.OK);
        assertEquals(2, server.body(0).get("draftVersion").asInt());
        Path yaml = dir.resolve("draft.yml");
        Files.writeString(yaml, "id: release\n", StandardCharsets.UTF_8);
        server.run("attest", "policy", "simulate", "--id", "release", "--file",
                yaml.toString()).assertExit(ExitCodes.OK);
        assertEquals("id: release\n", server.body(1).get("draftYaml").asText());
    }

    @Test
    void refusesAPolicyIdThatCouldLeaveThePoliciesPathBeforeSending() {
        Cli.Result result = server.run("attest", "policy", "show", "--id", "../keys");
        result.assertExit(ExitCodes.USAGE);
        assertTrue(server.requests().isEmpty());
    }
}
