package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;

/** {@code stella auth token} mints tokens the development issuer key verifies, with the claims asked for. */
class AuthTokenCommandTest {

    @TempDir
    Path data;

    private Jwk devKey;

    @BeforeEach
    void createDevIssuerKey() {
        devKey = DevIssuer.createKeyIfAbsent(data);
    }

    private JsonNode claimsOf(Cli.Result result) {
        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        Jws jws = Jws.parse(result.out().strip(), 64 * 1024);
        assertTrue(jws.verify(devKey.publicKey()), "the token must verify with the development issuer key");
        assertEquals("at+jwt", jws.headerText("typ"));
        return jws.payloadJson(64 * 1024);
    }

    @Test
    void mintsATokenWithTheDefaultClaims() {
        JsonNode claims = claimsOf(Cli.run("auth", "token", "--scope", "attestor.verify", "--scope", "attestor.read",
                "--data-dir", data.toString()));
        assertEquals(DevIssuer.ISSUER, claims.path("iss").asText());
        assertEquals("stella-cli", claims.path("sub").asText());
        assertEquals("default", claims.path("tenant").asText());
        assertEquals(DevIssuer.DEFAULT_AUDIENCE, claims.path("aud").asText());
        assertEquals("attestor.verify attestor.read", claims.path("scope").asText());
        assertEquals(15 * 60, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertTrue(claims.path("cnf").isMissingNode());
    }

    @Test
    void mintsATokenWithTheGivenSubjectTenantLifetimeAndAudience() {
        JsonNode claims = claimsOf(Cli.runWithEnv(java.util.Map.of("STELLA_DATA_DIR", data.toString()),
                "auth", "token", "--scope", "attestor.admin", "--subject", "ci-bot", "--tenant", "team-a",
                "--ttl", "1h", "--audience", "attestor-staging"));
        assertEquals("ci-bot", claims.path("sub").asText());
        assertEquals("team-a", claims.path("tenant").asText());
        assertEquals("attestor-staging", claims.path("aud").asText());
        assertEquals(3600, claims.path("exp").asLong() - claims.path("iat").asLong());
    }

    @Test
    void bindsTheTokenToADpopKey() {
        Path keyFile = data.resolve("dpop.jwk");
        Cli.Result created = Cli.run("auth", "dpop-key", "--out", keyFile.toString());
        assertEquals(ExitCodes.OK, created.exitCode(), created::toString);
        JsonNode claims = claimsOf(Cli.run("auth", "token", "--scope", "attestor.write", "--data-dir", data.toString(),
                "--dpop-key", keyFile.toString()));
        assertEquals(created.out().strip(), claims.path("cnf").path("jkt").asText());
    }

    @Test
    void writesDpopKeysOwnerOnlyAndNeverOverwritesOne() throws Exception {
        Path keyFile = data.resolve("dpop.jwk");
        assertEquals(ExitCodes.OK, Cli.run("auth", "dpop-key", "--out", keyFile.toString()).exitCode());
        byte[] first = Files.readAllBytes(keyFile);
        Cli.Result again = Cli.run("auth", "dpop-key", "--out", keyFile.toString());
        assertEquals(ExitCodes.USAGE, again.exitCode(), again::toString);
        assertTrue(again.err().contains("[file.exists]"), again::toString);
        assertEquals(new String(first), Files.readString(keyFile));
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(keyFile));
    }

    @Test
    void refusesAScopeTheApiDoesNotKnow() {
        Cli.Result result = Cli.run("auth", "token", "--scope", "attestor.everything", "--data-dir", data.toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.bad_scope]"), result::toString);
    }

    @Test
    void requiresAtLeastOneScope() {
        Cli.Result result = Cli.run("auth", "token", "--data-dir", data.toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("--scope"), result::toString);
    }

    @Test
    void refusesALifetimeAboveOneHour() {
        Cli.Result result = Cli.run("auth", "token", "--scope", "attestor.read", "--ttl", "61m",
                "--data-dir", data.toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.bad_ttl]"), result::toString);
    }

    @Test
    void refusesALifetimeThatIsNotADuration() {
        Cli.Result result = Cli.run("auth", "token", "--scope", "attestor.read", "--ttl", "soon",
                "--data-dir", data.toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[usage.bad_duration]"), result::toString);
    }

    @Test
    void explainsWhereTheDevelopmentIssuerKeyShouldBe() {
        Cli.Result result = Cli.run("auth", "token", "--scope", "attestor.read", "--data-dir",
                data.resolve("elsewhere").toString());
        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().contains("[auth.dev_issuer_unavailable]"), result::toString);
    }
}
