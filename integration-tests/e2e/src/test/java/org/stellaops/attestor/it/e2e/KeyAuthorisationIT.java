package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.auth.Scope;

/**
 * Who may do what with keys (docs/api.md, "Tenants" and "Keys"; docs/security.md): a tenant sees, uses and changes
 * only its own keys — another tenant's key is {@code 404 key.not_found}, exactly like an unknown name — plus the
 * shared keys the operator made, which it may list but not use; a principal without {@code attestor.admin} cannot
 * change keys and one without {@code attestor.write} cannot sign. Tokens come from the server's development issuer,
 * one per tenant, as in {@link TenantIsolationIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyAuthorisationIT {

    private static final String OPERATOR = "ops";

    private AttestorProcess server;
    private KeyApi alice;
    private KeyApi bob;
    private KeyApi operator;
    private ApiClient aliceReadOnly;
    private JsonNode aliceKey;
    private String aliceKeyId;

    @BeforeAll
    void startWithTwoTenantsAndAnOperator() {
        Path data = AttestorProcess.freshDataDir();
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json", Map.of("operatorTenant", OPERATOR));
        server = AttestorProcess.start(data);
        alice = new KeyApi(new ApiClient(server, TestHttp.authorization(server, "team-a", Scope.values())));
        bob = new KeyApi(new ApiClient(server, TestHttp.authorization(server, "team-b", Scope.values())));
        operator = new KeyApi(new ApiClient(server, TestHttp.authorization(server, OPERATOR, Scope.values())));
        aliceReadOnly = new ApiClient(server, TestHttp.authorization(server, "team-a", Scope.READ));
        aliceKey = alice.create("release", null);
        aliceKeyId = KeyApi.version(aliceKey, 1).path("keyId").asText();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void assertAliceKeyUnchanged() {
        assertEquals(aliceKey, alice.show("release"));
    }

    /** Requires the answer of an unknown key: the same status, code and title (the detail names what was asked). */
    private static void assertLikeUnknown(ApiResponse answer, ApiResponse unknown) {
        JsonNode problem = answer.assertProblem(404, "key.not_found");
        assertEquals(unknown.json().path("title"), problem.path("title"), answer::describe);
        assertEquals(unknown.json().path("type"), problem.path("type"), answer::describe);
    }

    @Test
    void anotherTenantDoesNotSeeTheKeyInItsListing() {
        ApiResponse listing = bob.api().get("/api/v1/keys");
        assertEquals(200, listing.status(), listing::describe);
        assertNull(KeyApi.keyNamed(listing.json(), "release"), listing::describe);
    }

    @Test
    void anotherTenantCannotShowTheKey() {
        assertLikeUnknown(bob.api().get("/api/v1/keys/release"), bob.api().get("/api/v1/keys/nobody-has-this"));
    }

    @Test
    void anotherTenantCannotSignWithTheKeyByNameOrKeyId() {
        ApiResponse unknown = bob.signResponse("nobody-has-this", "bob-unknown.jar");
        assertLikeUnknown(bob.signResponse("release", "bob-by-name.jar"), unknown);
        assertLikeUnknown(bob.signResponse(aliceKeyId, "bob-by-id.jar"), unknown);
    }

    @Test
    void anotherTenantCannotRotateTheKey() {
        assertLikeUnknown(bob.api().postJson("/api/v1/keys/release/rotate", Map.of()),
                bob.api().postJson("/api/v1/keys/nobody-has-this/rotate", Map.of()));
        assertAliceKeyUnchanged();
    }

    @Test
    void anotherTenantCannotRetireRevokeOrExportAVersionOfTheKey() {
        String version = "/api/v1/keys/release/versions/" + aliceKeyId;
        ApiResponse unknown = bob.api().postJson("/api/v1/keys/nobody-has-this/versions/" + aliceKeyId + "/retire",
                Map.of());
        assertLikeUnknown(bob.api().postJson(version + "/retire", Map.of()), unknown);
        assertLikeUnknown(bob.api().postJson(version + "/revoke", Map.of("reason", "key_compromise")), unknown);
        assertLikeUnknown(bob.api().postJson(version + "/export", Map.of("format", "public-pem")), unknown);
        assertAliceKeyUnchanged();
    }

    @Test
    void anotherTenantMayHaveItsOwnKeyOfTheSameName() {
        JsonNode alices = alice.create("build", null);
        JsonNode bobs = bob.create("build", null);
        assertNotEquals(KeyApi.version(alices, 1).path("keyId"), KeyApi.version(bobs, 1).path("keyId"));
        assertEquals(alices, alice.show("build"));
        assertEquals(bobs, bob.show("build"));
    }

    @Test
    void aReadOnlyPrincipalCannotCreateAKey() {
        aliceReadOnly.postJson("/api/v1/keys", Map.of("name", "read-only-made", "driver", "file"))
                .assertProblem(403, "auth.insufficient_scope");
        alice.api().get("/api/v1/keys/read-only-made").assertProblem(404, "key.not_found");
    }

    @Test
    void aReadOnlyPrincipalCannotRotateTheKey() {
        aliceReadOnly.postJson("/api/v1/keys/release/rotate", Map.of()).assertProblem(403, "auth.insufficient_scope");
        assertAliceKeyUnchanged();
    }

    @Test
    void aReadOnlyPrincipalCannotSign() {
        aliceReadOnly.postJson("/api/v1/sign", Map.of("key", "release", "statement",
                Attestations.slsaStatement("read-only-signs.jar"))).assertProblem(403, "auth.insufficient_scope");
    }

    @Test
    void aReadOnlyPrincipalListsAndShowsItsTenantsKeys() {
        ApiResponse shown = aliceReadOnly.get("/api/v1/keys/release");
        assertEquals(200, shown.status(), shown::describe);
        assertEquals(aliceKey, shown.json());
        assertNotNull(KeyApi.keyNamed(aliceReadOnly.get("/api/v1/keys").json(), "release"));
    }

    @Test
    void aRefusedScopeIsAuditedAsAnAuthorisationRefusal() {
        aliceReadOnly.postJson("/api/v1/keys", Map.of("name", "audited-refusal", "driver", "file"))
                .assertProblem(403, "auth.insufficient_scope");
        assertTrue(alice.auditEvents("auth.authorize").stream().anyMatch(e -> e.path("outcome").asText()
                .equals("auth.insufficient_scope")), "no auth.authorize event with auth.insufficient_scope");
    }

    @Test
    void onlyTheOperatorCreatesASharedKey() {
        bob.api().postJson("/api/v1/keys", Map.of("name", "bob-shared", "driver", "file", "shared", true))
                .assertProblem(403, "auth.operator_only");
        bob.api().get("/api/v1/keys/bob-shared").assertProblem(404, "key.not_found");
    }

    @Test
    void aSharedKeyIsListedToEveryTenantButUsableOnlyByItsOwner() {
        ApiResponse created = operator.api().postJson("/api/v1/keys", Map.of("name", "org-release", "driver", "file",
                "shared", true));
        assertEquals(201, created.status(), created::describe);

        JsonNode listed = KeyApi.keyNamed(bob.api().get("/api/v1/keys").json(), "org-release");
        assertNotNull(listed, "a shared key is listed to every tenant");
        assertFalse(listed.path("own").asBoolean(true), listed::toString);
        assertTrue(listed.path("tenant").isMissingNode(), "a tenant is not told whose a shared key is: " + listed);
        bob.api().get("/api/v1/keys/org-release").assertProblem(404, "key.not_found");
        bob.signResponse("org-release", "bob-signs-shared.jar").assertProblem(404, "key.not_found");
        assertEquals(200, operator.signResponse("org-release", "operator-signs-shared.jar").status());
    }

    @Test
    void onlyTheOperatorReadsTheServiceKeyThatSignsReceipts() {
        // a pure Ed25519 signature is logged through a receipt signed by the service key
        bob.create("bob-ed25519", "ED25519");
        JsonNode record = bob.submitted(KeyApi.envelope(bob.sign("bob-ed25519", "receipted.jar")));
        String serviceKeyId = record.path("receipts").path(0).path("serviceKeyId").asText();

        bob.api().get("/api/v1/keys?owner=service").assertProblem(403, "auth.operator_only");
        ApiResponse service = operator.api().get("/api/v1/keys?owner=service");
        assertEquals(200, service.status(), service::describe);
        assertTrue(service.json().path("keys").findValuesAsText("keyId").contains(serviceKeyId),
                "the service key " + serviceKeyId + ": " + service.describe());
    }
}
