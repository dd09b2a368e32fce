package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.sdk.testing.TestTimestampAuthority;

/**
 * RFC 3161 timestamps as a trusted time of verification (issue 8), on the built distribution: the server trusts one
 * time-stamping authority (its root PEM in the data directory, configured by {@code timestampAuthorities}; a second
 * entry names a missing file and is left out), and verify requests bring tokens over their envelopes' signatures in
 * the shape of a Sigstore bundle's {@code rfc3161Timestamps}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimestampVerificationIT {

    private static final String VERIFY = "/api/v1/rekor/verify";
    private static final String SIGNER = "tsa-e2e-signer";
    private static final String COMPROMISED = "tsa-e2e-compromised";

    private final TestTimestampAuthority acme = TestTimestampAuthority.create("Acme");
    private final TestTimestampAuthority stranger = TestTimestampAuthority.create("Stranger");
    private AttestorProcess server;
    private ApiClient api;
    private SigningKey signer;
    private Instant signerValidFrom;
    private byte[] storedEnvelope;
    private String storedDigest;
    private Instant acceptedAt;

    @BeforeAll
    void startWithOneTimestampAuthorityAndStoreAnAttestation() throws IOException {
        Path data = AttestorProcess.freshDataDir();
        Files.createDirectories(data.resolve("tsa"));
        Files.writeString(data.resolve("tsa/acme-root.pem"), acme.rootPem());
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.core.json", Map.of(
                "timestampAuthorities", List.of("acme=tsa/acme-root.pem", "broken=tsa/missing.pem"),
                "starterPolicies", false));
        server = AttestorProcess.start(data);
        api = new ApiClient(server);
        signer = SigningKey.generate();
        signerValidFrom = Instant.parse(api.addTrustedKey(SIGNER, signer.publicKeyPem()).path("createdAt").asText());
        storedEnvelope = Attestations.json(signer.sign(Attestations.bytes(
                Attestations.slsaStatement("pkg:oci/acme/timestamped"))));
        ApiResponse submitted = api.submit(storedEnvelope);
        assertEquals(201, submitted.status(), submitted::describe);
        storedDigest = submitted.json().path("envelopeDigest").asText();
        acceptedAt = Instant.parse(submitted.json().path("createdAt").asText());
        assertTrue(Duration.between(signerValidFrom, acceptedAt).toMillis() >= 2,
                "the key was trusted at least 2 ms before the acceptance, so a token fits between them");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] signature(byte[] envelopeJson, int index) {
        try {
            return Attestations.tree(envelopeJson).path("signatures").path(index).path("sig").binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The midpoint, at the millisecond resolution of the tokens (strictly between, as the ends are 2 ms apart). */
    private static Instant between(Instant from, Instant to) {
        return from.plus(Duration.between(from, to).dividedBy(2)).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, Object> policy(String keyName) {
        return Map.of("apiVersion", "stella-ops.org/attestor/policy/v1", "kind", "VerificationPolicy",
                "id", "signed-by-" + keyName, "version", 1, "rules", List.of(Map.of("id", "issuer", "type", "issuer",
                        "config", Map.of("keys", List.of(keyName)))));
    }

    private static Map<String, Object> request(String member, Object value, List<byte[]> tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(member, value);
        body.put("rfc3161Timestamps", tokens.stream().map(TimestampVerificationIT::item).toList());
        return body;
    }

    private JsonNode verified(Map<String, Object> body) {
        ApiResponse response = api.postJson(VERIFY, body);
        assertEquals(200, response.status(), response::describe);
        return response.json();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("check").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    @Test
    void aTokenThatPredatesTheAcceptanceGivesTheRfc3161Time() {
        Instant genTime = between(signerValidFrom, acceptedAt);
        Map<String, Object> body = request("uuid", storedDigest,
                List.of(acme.token(signature(storedEnvelope, 0), genTime)));
        body.put("policyDocument", policy(SIGNER));
        JsonNode answer = verified(body);
        assertTrue(answer.path("verified").asBoolean(), answer::toString);
        assertTrue(answer.path("allowed").asBoolean(), answer::toString);
        JsonNode token = check(answer, "timestamp[0]");
        assertTrue(token.path("ok").asBoolean(), token::toString);
        assertTrue(token.path("detail").asText().startsWith("authority acme, genTime " + genTime), token::toString);
        assertTrue(check(answer, "timestamp.coverage").path("ok").asBoolean());
        assertEquals("rfc3161", answer.at("/policy/trustedTime/source").asText(), answer::toString);
        assertEquals("acme", answer.at("/policy/trustedTime/detail").asText());
        assertEquals(genTime, Instant.parse(answer.at("/policy/trustedTime/instant").asText()));
    }

    @Test
    void aTokenAfterTheAcceptanceLeavesTheServiceTime() {
        Map<String, Object> body = request("uuid", storedDigest,
                List.of(acme.token(signature(storedEnvelope, 0), acceptedAt.plus(Duration.ofHours(1)))));
        body.put("policyDocument", policy(SIGNER));
        JsonNode answer = verified(body);
        assertTrue(answer.path("allowed").asBoolean(), answer::toString);
        assertEquals("service", answer.at("/policy/trustedTime/source").asText(), answer::toString);
        assertEquals(acceptedAt, Instant.parse(answer.at("/policy/trustedTime/instant").asText()));
    }

    @Test
    void aTokenOfAnUnknownAuthorityFailsTheVerification() {
        JsonNode answer = verified(request("uuid", storedDigest,
                List.of(stranger.token(signature(storedEnvelope, 0), between(signerValidFrom, acceptedAt)))));
        assertFalse(answer.path("verified").asBoolean(), answer::toString);
        JsonNode token = check(answer, "timestamp[0]");
        assertFalse(token.path("ok").asBoolean());
        assertTrue(token.path("detail").asText().contains("unknown authority"), token::toString);
        assertTrue(token.path("detail").asText().endsWith("(timestamp.untrusted)"), token::toString);
    }

    @Test
    void theSameRequestGetsTheSameReportByteForByte() {
        Map<String, Object> body = request("uuid", storedDigest,
                List.of(acme.token(signature(storedEnvelope, 0), between(signerValidFrom, acceptedAt))));
        ApiResponse first = api.postJson(VERIFY, body);
        ApiResponse second = api.postJson(VERIFY, body);
        assertEquals(200, first.status(), first::describe);
        assertEquals(first.body(), second.body());
    }

    @Test
    void anEnvelopeNeverSubmittedIsJudgedAtItsTokenTime() {
        SigningKey key = SigningKey.generate();
        api.addTrustedKey(COMPROMISED, key.publicKeyPem());
        byte[] envelope = Attestations.json(key.sign(Attestations.bytes(
                Attestations.slsaStatement("pkg:oci/acme/never-submitted"))));
        JsonNode version = new KeyApi(api).revoke(COMPROMISED, key.keyId(), "key_compromise", null);
        Instant validFrom = Instant.parse(version.path("validFrom").asText());
        Instant compromisedAt = Instant.parse(version.path("compromisedAt").asText());
        assertTrue(Duration.between(validFrom, compromisedAt).toMillis() >= 2, version::toString);

        Map<String, Object> before = request("envelope", Attestations.tree(envelope),
                List.of(acme.token(signature(envelope, 0), between(validFrom, compromisedAt))));
        before.put("policyDocument", policy(COMPROMISED));
        JsonNode early = verified(before);
        assertTrue(check(early, "signature[0]").path("ok").asBoolean(), early::toString);
        assertEquals("pass", early.at("/policy/verdict").asText(), early::toString);
        assertEquals("rfc3161", early.at("/policy/trustedTime/source").asText());
        assertFalse(early.path("allowed").asBoolean(), "never submitted, so the report itself does not verify");

        Map<String, Object> after = request("envelope", Attestations.tree(envelope),
                List.of(acme.token(signature(envelope, 0), compromisedAt.plusSeconds(1))));
        after.put("policyDocument", policy(COMPROMISED));
        JsonNode late = verified(after);
        assertFalse(check(late, "signature[0]").path("ok").asBoolean(), late::toString);
        assertEquals("fail", late.at("/policy/verdict").asText(), late::toString);
    }

    @Test
    void eachBatchItemIsVerifiedWithItsOwnTokens() {
        byte[] sig = signature(storedEnvelope, 0);
        Instant genTime = between(signerValidFrom, acceptedAt);
        Map<String, Object> malformed = new LinkedHashMap<>();
        malformed.put("uuid", storedDigest);
        malformed.put("rfc3161Timestamps", List.of(Map.of("signedTimestamp", "not base64!")));
        ApiResponse response = api.postJson(VERIFY + ":batch", Map.of("items", List.of(
                request("uuid", storedDigest, List.of(acme.token(sig, genTime))),
                request("uuid", storedDigest, List.of(stranger.token(sig, genTime))), malformed)));
        assertEquals(200, response.status(), response::describe);
        JsonNode results = response.json().path("results");
        assertTrue(results.path(0).path("report").path("verified").asBoolean(), response::describe);
        assertFalse(results.path(1).path("report").path("verified").asBoolean(), response::describe);
        assertEquals(400, results.path(2).path("status").asInt(), response::describe);
        assertEquals("request.malformed", results.path(2).path("problem").path("code").asText());
        assertTrue(results.path(2).path("problem").path("detail").asText().startsWith("rfc3161Timestamps[0]"),
                response::describe);
    }

    @Test
    void refusesAnUnreadableTimestampsMember() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", storedDigest);
        body.put("rfc3161Timestamps", List.of(Map.of("signedTimestamp", "MAo="), Map.of("signature", "MAo=")));
        JsonNode problem = api.postJson(VERIFY, body).assertProblem(400, "request.malformed");
        assertTrue(problem.path("detail").asText().startsWith("rfc3161Timestamps[1]"), problem::toString);
    }

    /** @return the {@code rfc3161Timestamps} item of a Sigstore bundle holding the token */
    private static Map<String, String> item(byte[] token) {
        return Map.of("signedTimestamp", Base64.getEncoder().encodeToString(token));
    }
}
