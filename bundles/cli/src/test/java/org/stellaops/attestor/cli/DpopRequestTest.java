package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** With --dpop-key every request carries a fresh proof, and a nonce challenge is answered once. */
class DpopRequestTest {

    private static final String UUID = ServerTrustTest.UUID;
    private static final String NONCE = "server-nonce-1";

    @TempDir
    Path dir;

    @Test
    void sendsAProofBoundToTheTokenAndRetriesOnceWithTheServerNonce() throws Exception {
        Path keyFile = dir.resolve("dpop.jwk");
        Cli.Result created = Cli.run("auth", "dpop-key", "--out", keyFile.toString());
        assertEquals(ExitCodes.OK, created.exitCode(), created::toString);
        TestTls.Ca ca = TestTls.Ca.create("CN=DPoP test CA");
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        try (TestTls.Server server = new TestTls.Server(ca.loopbackServerContext(), request -> {
            JsonNode proof = proofClaims(request.header("DPoP"));
            return NONCE.equals(proof.path("nonce").asText(null))
                    ? TestTls.Response.json(200, ServerTrustTest.RECORD)
                    : new TestTls.Response(401, Map.of("WWW-Authenticate",
                            "DPoP error=\"use_dpop_nonce\", algs=\"ES256\"", "DPoP-Nonce", NONCE),
                            "{\"status\":401,\"code\":\"auth.dpop_nonce_required\"}");
        })) {
            Cli.Result result = Cli.run("--url", server.url(), "--cacert", caFile.toString(), "--token", "bound-token",
                    "--dpop-key", keyFile.toString(), "attest", "fetch", "--uuid", UUID);

            assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
            assertEquals(2, server.requests().size());
            String thumbprint = created.out().strip();
            JsonNode first = null;
            for (TestTls.Request request : server.requests()) {
                assertEquals("DPoP bound-token", request.header("Authorization"));
                Jws jws = Jws.parse(request.header("DPoP"), 16 * 1024);
                Jwk proofKey = Jwk.parse(jws.header().get("jwk"));
                assertTrue(jws.verify(proofKey.publicKey()), "the proof must be signed by the key it names");
                assertEquals(thumbprint, proofKey.thumbprint());
                assertEquals("dpop+jwt", jws.headerText("typ"));
                JsonNode claims = jws.payloadJson(16 * 1024);
                assertEquals("GET", claims.path("htm").asText());
                assertEquals(server.url() + AttestorClient.ENTRIES_PATH + UUID, claims.path("htu").asText());
                assertEquals(DpopProofs.ath("bound-token"), claims.path("ath").asText());
                if (first == null) {
                    first = claims;
                    assertTrue(claims.path("nonce").isMissingNode());
                } else {
                    assertEquals(NONCE, claims.path("nonce").asText());
                    assertNotEquals(first.path("jti").asText(), claims.path("jti").asText());
                }
            }
        }
    }

    @Test
    void refusesADpopKeyWithoutAToken() throws Exception {
        Path keyFile = dir.resolve("dpop.jwk");
        Cli.run("auth", "dpop-key", "--out", keyFile.toString());
        Cli.Result result = Cli.run("--dpop-key", keyFile.toString(), "attest", "fetch", "--uuid", UUID);
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.dpop_without_token]"), result::toString);
    }

    private static JsonNode proofClaims(String proof) {
        return StrictJson.parse(Jws.parse(proof, 16 * 1024).payload(), JsonLimits.DEFAULT);
    }
}
