package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyPolicyTest {

    private static final String UUID = "sha256:" + "ab".repeat(32);
    private static final String DECISION = "{\"allowed\":false,\"policy\":{\"digest\":\"sha256:ee\",\"id\":\"release\","
            + "\"version\":2},\"reason\":\"1 rule failed in enforce mode\",\"rules\":["
            + "{\"id\":\"two-signers\",\"type\":\"signatureThreshold\",\"outcome\":\"fail\",\"effect\":\"fail\","
            + "\"reason\":\"1 of 2 signers\"},{\"id\":\"logged\",\"type\":\"transparency\",\"outcome\":\"fail\","
            + "\"effect\":\"warn\",\"reason\":\"not in the log\"},{\"id\":\"about\",\"type\":\"subject\",\"outcome\":"
            + "\"pass\",\"effect\":\"none\",\"reason\":\"ok\"}],\"verdict\":\"fail\"}";

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

    private static String answer(boolean allowed, String decision) {
        return "{\"verified\":true,\"envelopeDigest\":\"" + UUID + "\",\"checks\":[{\"check\":\"signers\",\"ok\":true,"
                + "\"detail\":\"1 distinct trusted signer(s)\"}],\"allowed\":" + allowed + ",\"policySource\":\"store\","
                + "\"policy\":" + decision + ",\"vsa\":{\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"payload\":\"e30=\",\"signatures\":[]}}";
    }

    @Test
    void printsTheDecisionRuleByRuleAndExits1WhenNotAllowed() {
        server.answer("POST /api/v1/rekor/verify", 200, answer(false, DECISION));
        Cli.Result result = server.run("attest", "verify", "--uuid", UUID, "--policy", "release@2", "--subject",
                "sha256:" + "cd".repeat(32));
        assertEquals(ExitCodes.FAILED, result.exitCode(), result.toString());
        String[] lines = result.out().split("\\R");
        assertEquals("policy release@2 (store): fail  1 rule failed in enforce mode", lines[2]);
        assertEquals("FAIL  two-signers  signatureThreshold  1 of 2 signers", lines[3]);
        assertEquals("WARN  logged       transparency  not in the log", lines[4]);
        assertEquals("pass  about        subject  ok", lines[5]);
        assertEquals("NOT ALLOWED", lines[6]);
        JsonNode body = server.body(0);
        assertEquals("release@2", body.get("policy").asText());
        assertEquals("sha256:" + "cd".repeat(32), body.get("subject").asText());
    }

    @Test
    void sendsAPolicyDocumentByValueAndWritesTheSignedSummary() throws Exception {
        Path policy = dir.resolve("policy.json");
        Files.writeString(policy, "{\"id\":\"release\",\"version\":1}");
        server.answer("POST /api/v1/rekor/verify", 200, answer(true, DECISION.replace("\"allowed\":false",
                "\"allowed\":true")));
        Path vsa = dir.resolve("vsa.json");
        Cli.Result result = server.run("attest", "verify", "--uuid", UUID, "--policy-file", policy.toString(),
                "--vsa-out", vsa.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
        assertTrue(result.out().strip().endsWith("ALLOWED"));
        assertEquals("release", server.body(0).at("/policyDocument/id").asText());
        assertTrue(server.body(0).get("vsa").asBoolean());
        assertTrue(Files.readString(vsa).contains("application/vnd.in-toto+json"));
    }

    @Test
    void refusesSubjectOrSummaryWithoutAPolicyBeforeSending() {
        Cli.Result result = server.run("attest", "verify", "--uuid", UUID, "--subject", "sha256:00");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(server.requests().isEmpty());
    }
}
