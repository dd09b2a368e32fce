package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console's "Security keys" page in a real browser: Debian's Chromium, driven by {@code ceremony.mjs} through
 * playwright-core, with a CDP virtual FIDO2 authenticator (CTAP2 over USB, resident keys, user verification,
 * presence simulated), against the built attestor.jar. The browser logs in to the console, registers a security key,
 * signs a statement twice (once submitting it from the page), and tries two signatures that must fail. The tests
 * then hold what the page showed against the real API: the envelopes verify and are accepted, a tampered one is
 * refused, and the failed ceremonies left nothing behind.
 *
 * <p>WebAuthn needs a secure context and an RP id that is a domain: the server speaks plain HTTP (the development
 * opt-in) and the browser opens it as {@code http://localhost:<port>}, which browsers treat as secure; keys-fido2 is
 * configured with that origin and RP id {@code localhost}. (Over HTTPS with the server's own CA Chromium would
 * refuse WebAuthn on a certificate error it was told to ignore.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityKeyCeremonyIT {

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");
    private static final String KEY = "alice-yubikey";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private AttestorProcess server;
    private ApiClient api;
    private JsonNode result;

    @BeforeAll
    void signInTheBrowser() throws IOException {
        Path browserDir = BrowserTools.prepare();
        Path data = AttestorProcess.freshDataDir();
        int port = AttestorProcess.freeLoopbackPort();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.keys.fido2.json",
                Map.of("rpId", "localhost", "origins", List.of("http://localhost:" + port)));
        server = AttestorProcess.startPlain(data, port);
        api = new ApiClient(server);
        Matcher password = PASSWORD.matcher(server.output());
        assertTrue(password.find(), "no console password in the first start's output");
        Path work = Files.createDirectories(data.resolveSibling(data.getFileName() + "-browser"));
        Path statement = work.resolve("statement.json");
        Files.write(statement, Attestations.bytes(Attestations.slsaStatement("console-signed.tar.gz")));
        result = BrowserTools.runScript(browserDir, "ceremony.mjs", Map.of(
                "ATTESTOR_URL", "http://localhost:" + port,
                "ATTESTOR_OTHER_ORIGIN_URL", "http://127.0.0.1:" + port,
                "CONSOLE_USER", "admin",
                "CONSOLE_PASSWORD", password.group(1),
                "TENANT", TestHttp.TENANT,
                "KEY_NAME", KEY,
                "STATEMENT_FILE", statement.toString(),
                "WORK_DIR", work.toString(),
                "CHROMIUM", BrowserTools.chromium().toString()));
    }

    @AfterAll
    void stopTheServer() {
        if (server != null) {
            server.stop();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return Attestations.bytes(node);
    }

    private JsonNode verifyByValue(JsonNode envelope) {
        ObjectNode body = ApiClient.MAPPER.createObjectNode();
        body.set("envelope", envelope);
        ApiResponse answer = api.postJson("/api/v1/rekor/verify", bytes(body));
        assertEquals(200, answer.status(), answer::describe);
        return answer.json();
    }

    private JsonNode fido2Key() {
        ApiResponse keys = api.get("/api/v1/keys");
        assertEquals(200, keys.status(), keys::describe);
        for (JsonNode key : keys.json().path("keys")) {
            if (key.path("name").asText().equals(KEY)) {
                return key.path("versions").path(0);
            }
        }
        throw new AssertionError("no key " + KEY + " in " + keys.describe());
    }

    @Test
    void registersTheSecurityKeyAsTheConsoleUserInTheTenant() {
        assertEquals("ok", result.path("registration").path("state").asText(), result::toPrettyString);
        assertEquals("console:admin", result.path("principal").asText());
        assertEquals(1, result.path("registration").path("authenticatorCredentials").asInt(),
                "the virtual authenticator holds the new credential");
        JsonNode key = fido2Key();
        assertEquals("WEBAUTHN_ES256", key.path("algorithm").asText(), key::toPrettyString);
        assertEquals("fido2", key.path("driver").asText(), key::toPrettyString);
        assertEquals("active", key.path("state").asText(), key::toPrettyString);
        assertTrue(result.path("registration").path("message").asText().contains(key.path("keyId").asText()),
                result::toPrettyString);
    }

    @Test
    void anEnvelopeSignedInThePageIsAcceptedAndVerifiesThroughTheApi() {
        JsonNode signed = result.path("unsubmitted");
        assertEquals("ok", signed.path("state").asText(), result::toPrettyString);
        JsonNode envelope = signed.path("envelope");
        assertEquals(fido2Key().path("keyId").asText(), envelope.path("signatures").path(0).path("keyid").asText());
        ApiResponse submitted = api.submit(bytes(envelope));
        assertTrue(submitted.status() == 201 || submitted.status() == 202, submitted::describe);
        JsonNode report = E2eAwait.until("the envelope signed in the console verifies", SETTLE,
                () -> verifyByValue(envelope), r -> r.path("verified").asBoolean());
        assertEquals(Attestations.envelopeDigest(bytes(envelope)), report.path("envelopeDigest").asText());
    }

    @Test
    void anEnvelopeSubmittedFromThePageIsLoggedAndVerifies() {
        JsonNode signed = result.path("submitted");
        assertEquals("ok", signed.path("state").asText(), result::toPrettyString);
        JsonNode submission = signed.path("submission");
        assertEquals(Attestations.envelopeDigest(bytes(signed.path("envelope"))),
                submission.path("envelopeDigest").asText(), signed::toPrettyString);
        assertFalse(submission.path("logEntries").isEmpty(), "the page shows the log entry: " + signed);
        ApiResponse stored = api.get("/api/v1/rekor/entries/" + submission.path("uuid").asText());
        assertEquals(200, stored.status(), stored::describe);
        JsonNode report = E2eAwait.until("the envelope submitted from the console verifies", SETTLE,
                () -> verifyByValue(signed.path("envelope")), r -> r.path("verified").asBoolean());
        assertEquals("all", report.path("logged").asText(), report::toPrettyString);
    }

    @Test
    void aTamperedEnvelopeIsRefusedAndDoesNotVerify() {
        ObjectNode tampered = result.path("unsubmitted").path("envelope").deepCopy();
        tampered.put("payload", Base64.getEncoder().encodeToString(
                Attestations.bytes(Attestations.slsaStatement("not-what-was-signed.tar.gz"))));
        ApiResponse refused = api.submit(bytes(tampered));
        assertEquals(422, refused.status(), refused::describe);
        assertTrue(refused.json().path("code").asText().startsWith("signature."), refused::describe);
        assertFalse(verifyByValue(tampered).path("verified").asBoolean());
    }

    @Test
    void aCeremonyAtAnOriginTheRelyingPartyDoesNotAllowFailsVisibly() {
        JsonNode attempt = result.path("otherOrigin");
        assertEquals("error", attempt.path("state").asText(), result::toPrettyString);
        assertTrue(attempt.path("message").asText().contains("refused the ceremony at this origin"),
                attempt::toPrettyString);
        assertTrue(attempt.path("envelope").isNull(), attempt::toPrettyString);
    }

    @Test
    void aSignatureNoAuthenticatorCanApproveFailsVisibly() {
        JsonNode attempt = result.path("keyNotOnAuthenticator");
        assertEquals("error", attempt.path("state").asText(), result::toPrettyString);
        assertTrue(attempt.path("message").asText().contains("did not approve"), attempt::toPrettyString);
        assertTrue(attempt.path("envelope").isNull(), attempt::toPrettyString);
    }

    @Test
    void theFailedCeremoniesStartedButStoredNothing() {
        ApiResponse started = api.get("/api/v1/audit?action=key.signed_start&outcome=success");
        assertEquals(200, started.status(), started::describe);
        assertEquals(4, started.json().path("events").size(), "four signatures were started: " + started.body());
        ApiResponse signed = api.get("/api/v1/audit?action=key.signed");
        assertEquals(200, signed.status(), signed::describe);
        assertEquals(2, signed.json().path("events").size(), "only two were finished: " + signed.body());
        Set<String> shown = Set.of(Attestations.envelopeDigest(bytes(result.path("unsubmitted").path("envelope"))),
                Attestations.envelopeDigest(bytes(result.path("submitted").path("envelope"))));
        ApiResponse records = api.get("/api/v1/rekor/entries?signer=" + fido2Key().path("keyId").asText());
        assertEquals(200, records.status(), records::describe);
        Set<String> stored = new HashSet<>();
        records.json().path("entries").forEach(r -> stored.add(r.path("envelopeDigest").asText()));
        assertTrue(shown.containsAll(stored), "records beyond the two signatures: " + records.describe());
        assertNotEquals(0, stored.size(), records::describe);
    }
}
