package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * The key registry and server-side signing of docs/api.md ("Keys"), spoken through an {@link ApiClient}: each
 * helper that names its expected status requires it and returns the answer's JSON, so a test reads as the steps a
 * user takes.
 */
final class KeyApi {

    private final ApiClient api;

    KeyApi(ApiClient api) {
        this.api = api;
    }

    ApiClient api() {
        return api;
    }

    /** {@code POST /api/v1/keys} with the file driver; requires 201 and returns the key. */
    JsonNode create(String name, String algorithm) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("driver", "file");
        if (algorithm != null) {
            body.put("algorithm", algorithm);
        }
        return ok(201, api.postJson("/api/v1/keys", body));
    }

    /** {@code GET /api/v1/keys/{name}}; requires 200. */
    JsonNode show(String name) {
        return ok(200, api.get("/api/v1/keys/" + name));
    }

    /** {@code POST /api/v1/keys/{name}/rotate}; requires 201 and returns the new version. */
    JsonNode rotate(String name, Map<String, ?> body) {
        return ok(201, api.postJson("/api/v1/keys/" + name + "/rotate", body));
    }

    ApiResponse retireResponse(String name, String keyId, Map<String, ?> body) {
        return api.postJson("/api/v1/keys/" + name + "/versions/" + keyId + "/retire", body);
    }

    /** Retires a version now; requires 200 and returns the version. */
    JsonNode retire(String name, String keyId) {
        return ok(200, retireResponse(name, keyId, Map.of()));
    }

    ApiResponse revokeResponse(String name, String keyId, Map<String, ?> body) {
        return api.postJson("/api/v1/keys/" + name + "/versions/" + keyId + "/revoke", body);
    }

    /** Revokes a version for a reason (and a compromise start, or null); requires 200 and returns the version. */
    JsonNode revoke(String name, String keyId, String reason, Instant compromisedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        if (compromisedAt != null) {
            body.put("compromisedAt", compromisedAt.toString());
        }
        return ok(200, revokeResponse(name, keyId, body));
    }

    /** {@code POST /api/v1/sign} with an in-toto statement, not submitted. */
    ApiResponse signResponse(String key, String artifact) {
        return api.postJson("/api/v1/sign", Map.of("key", key, "statement", Attestations.slsaStatement(artifact)));
    }

    /** Signs a statement for the artifact with the key (a name or a version's key id); requires 200. */
    JsonNode sign(String key, String artifact) {
        return ok(200, signResponse(key, artifact));
    }

    /** @return the bytes of the envelope of a {@code POST /api/v1/sign} answer, as a client would send them on */
    static byte[] envelope(JsonNode signed) {
        return Attestations.bytes(signed.path("envelope"));
    }

    /** {@code POST /api/v1/rekor/entries}; requires 201 and returns the record. */
    JsonNode submitted(byte[] envelope) {
        return ok(201, api.submit(envelope));
    }

    /** {@code POST /api/v1/rekor/verify} of a stored record; requires 200 and returns the report. */
    JsonNode verifyRecord(String uuid) {
        return ok(200, api.postJson("/api/v1/rekor/verify", Map.of("uuid", uuid)));
    }

    /** {@code POST /api/v1/rekor/verify} of an envelope given by value; requires 200 and returns the report. */
    JsonNode verifyEnvelope(byte[] envelope) {
        return ok(200, api.postJson("/api/v1/rekor/verify", Map.of("envelope", Attestations.tree(envelope))));
    }

    /** @return the audit events of the caller's tenant with this action, newest first */
    List<JsonNode> auditEvents(String action) {
        JsonNode page = ok(200, api.get("/api/v1/audit?limit=1000&action=" + action));
        List<JsonNode> events = new ArrayList<>();
        page.path("events").forEach(events::add);
        return events;
    }

    /** Asserts that a verification report's verdict is verified. */
    static void assertVerified(JsonNode report) {
        assertTrue(report.path("verified").asBoolean(), report::toString);
    }

    /** Asserts a report that fails because signature 0 is refused, so no signer verifies. */
    static void assertSignatureRefused(JsonNode report) {
        assertFalse(report.path("verified").asBoolean(), report::toString);
        assertTrue(failedChecks(report).containsAll(List.of("signature[0]", "signers")), report::toString);
    }

    /** @return the names of the checks of a verification report that failed */
    static List<String> failedChecks(JsonNode report) {
        List<String> failed = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (!c.path("ok").asBoolean(false)) {
                failed.add(c.path("check").asText());
            }
        });
        return failed;
    }

    /** @return the check of that name in a report, or a missing node */
    static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("check").asText().equals(name)) {
                return c;
            }
        }
        return report.path("no check " + name);
    }

    /** @return version {@code n} (from 1) of a key document */
    static JsonNode version(JsonNode key, int n) {
        for (JsonNode v : key.path("versions")) {
            if (v.path("version").asInt() == n) {
                return v;
            }
        }
        throw new AssertionError("no version " + n + " in " + key);
    }

    /** @return the key named so in a {@code GET /api/v1/keys} answer, or null */
    static JsonNode keyNamed(JsonNode listing, String name) {
        for (JsonNode k : listing.path("keys")) {
            if (k.path("name").asText().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Checks a DSSE envelope's signatures offline with the sdk, as a consumer that holds only the public key would.
     *
     * @return whether a signature verifies with that key
     */
    static boolean verifiesWith(byte[] envelopeJson, String publicKeyPem) {
        Envelope envelope = DsseEnvelopes.parse(envelopeJson, JsonLimits.DEFAULT).envelope();
        PublicKey key = PublicKeys.parsePem(publicKeyPem);
        return EnvelopeVerifier.verify(envelope, List.of(new TrustedSigner(PublicKeys.keyId(key), key,
                PublicKeys.defaultAlgorithm(key)))).anyVerified();
    }

    /**
     * Waits until this machine's clock (which the child process shares) is past the instant, so that an instant
     * taken next is strictly later than anything the server stamped before.
     *
     * @return the current instant, after {@code t}
     */
    static Instant after(Instant t) {
        return E2eAwait.until("the clock passes " + t, Duration.ofSeconds(10), Instant::now, now -> now.isAfter(t));
    }

    private static JsonNode ok(int status, ApiResponse response) {
        assertEquals(status, response.status(), response::describe);
        return response.json();
    }
}
