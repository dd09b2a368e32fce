package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.stellaops.attestor.sdk.crypto.PublicKeys;

/**
 * The key registry of docs/api.md ("Keys") against the real service and its file driver: creating, listing and
 * showing keys, rotating (now and scheduled) and retiring versions, with signatures made by the service before and
 * after each change submitted and verified, and every change in the audit trail. Revocation is
 * {@link KeyRevocationIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyLifecycleIT {

    private static final Duration A_DAY = Duration.ofDays(1);

    private AttestorProcess server;
    private KeyApi keys;

    /** Key "rotated": v1 signed and submitted record {@link #rotatedV1Record}, then rotated to v2. */
    private JsonNode rotatedV1;
    private JsonNode rotatedV2;
    private String rotatedV1Record;
    /** Signed by "rotated" v1 before the rotation, submitted by no one yet. */
    private byte[] rotatedV1Unsubmitted;
    /** Signed by name after the rotation. */
    private JsonNode signedAfterRotation;

    /** Key "retiring": v1 signed record {@link #retiringV1Record}, rotated, then v1 retired now. */
    private JsonNode retiringV1;
    private JsonNode retiredAnswer;
    private String retiringV1Record;
    private byte[] retiringV1Unsubmitted;

    @BeforeAll
    void startAndRunTheScenarios() {
        server = AttestorProcess.startFresh();
        keys = new KeyApi(new ApiClient(server));
        rotateAfterSigning();
        retireAfterSigning();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void rotateAfterSigning() {
        rotatedV1 = KeyApi.version(keys.create("rotated", null), 1);
        rotatedV1Record = keys.submitted(KeyApi.envelope(keys.sign("rotated", "rotated-v1.jar"))).path("uuid").asText();
        rotatedV1Unsubmitted = KeyApi.envelope(keys.sign("rotated", "rotated-v1-late.jar"));
        rotatedV2 = keys.rotate("rotated", Map.of());
        signedAfterRotation = keys.sign("rotated", "rotated-v2.jar");
    }

    private void retireAfterSigning() {
        retiringV1 = KeyApi.version(keys.create("retiring", null), 1);
        retiringV1Record = keys.submitted(KeyApi.envelope(keys.sign("retiring", "retiring-v1.jar")))
                .path("uuid").asText();
        retiringV1Unsubmitted = KeyApi.envelope(keys.sign("retiring", "retiring-v1-late.jar"));
        keys.rotate("retiring", Map.of());
        retiredAnswer = keys.retire("retiring", retiringV1.path("keyId").asText());
    }

    private static String inADay() {
        return Instant.now().plus(A_DAY).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ---- creation, listing, showing

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256", "ED25519"})
    void createsAFileKeyWhoseOnlyVersionIsActive(String algorithm) {
        String name = "created-" + algorithm.toLowerCase(Locale.ROOT);
        JsonNode key = keys.create(name, algorithm);

        assertEquals(name, key.path("name").asText(), key::toString);
        assertTrue(key.path("own").asBoolean(), key::toString);
        assertEquals(1, key.path("versions").size(), key::toString);
        JsonNode v1 = KeyApi.version(key, 1);
        assertEquals(algorithm, v1.path("algorithm").asText());
        assertEquals("active", v1.path("state").asText());
        assertEquals("file", v1.path("driver").asText());
        assertTrue(v1.path("retiredAt").isNull() && v1.path("revokedAt").isNull(), v1::toString);
        assertEquals(PublicKeys.keyId(PublicKeys.parsePem(v1.path("publicKeyPem").asText())),
                v1.path("keyId").asText(), "key id = SHA-256 of the version's SubjectPublicKeyInfo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDSA_P256_SHA256", "ED25519"})
    void listsAndShowsACreatedKeyAsItWasCreated(String algorithm) {
        String name = "listed-" + algorithm.toLowerCase(Locale.ROOT);
        JsonNode created = keys.create(name, algorithm);

        ApiResponse listing = keys.api().get("/api/v1/keys");
        assertEquals(200, listing.status(), listing::describe);
        assertEquals(created, KeyApi.keyNamed(listing.json(), name), listing::describe);
        assertEquals(created, keys.show(name));
    }

    @Test
    void listsTheFileDriverWithTheAlgorithmsItMakes() {
        JsonNode listing = keys.api().get("/api/v1/keys").json();
        JsonNode file = null;
        for (JsonNode driver : listing.path("drivers")) {
            if (driver.path("name").asText().equals("file")) {
                file = driver;
            }
        }
        assertNotNull(file, listing::toString);
        List<String> algorithms = ApiClient.MAPPER.convertValue(file.path("capabilities").path("algorithms"),
                ApiClient.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        assertTrue(algorithms.containsAll(List.of("ECDSA_P256_SHA256", "ED25519")), listing::toString);
    }

    @Test
    void createsAnEcdsaP256KeyWhenNoAlgorithmIsNamed() {
        assertEquals("ECDSA_P256_SHA256", KeyApi.version(keys.create("defaulted", null), 1).path("algorithm").asText());
    }

    @Test
    void refusesANameTheTenantAlreadyHas() {
        keys.create("taken", null);
        keys.api().postJson("/api/v1/keys", Map.of("name", "taken", "driver", "file"))
                .assertProblem(409, "key.name_conflict");
        assertEquals(1, keys.show("taken").path("versions").size());
    }

    @Test
    void refusesANameOutsideTheAllowedCharacters() {
        keys.api().postJson("/api/v1/keys", Map.of("name", "no spaces allowed", "driver", "file"))
                .assertProblem(400, "key.invalid_input");
    }

    @Test
    void refusesADriverThatIsNotRunningAtOnce() {
        keys.api().postJson("/api/v1/keys", Map.of("name", "nowhere", "driver", "no-such-driver"))
                .assertProblem(503, "key.driver_unavailable");
        keys.api().get("/api/v1/keys/nowhere").assertProblem(404, "key.not_found");
    }

    @Test
    void refusesAnAlgorithmThatIsNotAConstantName() {
        keys.api().postJson("/api/v1/keys", Map.of("name", "odd-algorithm", "driver", "file", "algorithm", "P-256"))
                .assertProblem(400, "key.unsupported_algorithm");
    }

    @Test
    void refusesAMemberTheOperationDoesNotTake() {
        keys.api().postJson("/api/v1/keys", Map.of("name", "extra", "driver", "file", "publicKeyPem", "x"))
                .assertProblem(400, "request.malformed");
    }

    @Test
    void refusesAQueryParameterTheOperationDoesNotTake() {
        keys.api().get("/api/v1/keys?name=rotated").assertProblem(400, "request.invalid");
    }

    @Test
    void aKeyValidOnlyFromALaterTimeCannotSignYet() {
        String from = inADay();
        ApiResponse created = keys.api().postJson("/api/v1/keys", Map.of("name", "not-yet", "driver", "file",
                "validFrom", from));
        assertEquals(201, created.status(), created::describe);
        JsonNode v1 = KeyApi.version(created.json(), 1);
        assertEquals(Instant.parse(from), Instant.parse(v1.path("validFrom").asText()), v1::toString);
        assertEquals("active", v1.path("state").asText(), v1::toString);
        keys.signResponse("not-yet", "not-yet.jar").assertProblem(409, "key.not_active");
    }

    @Test
    void answersAnUnknownKeyNameWithKeyNotFound() {
        keys.api().get("/api/v1/keys/never-created").assertProblem(404, "key.not_found");
    }

    // ---- rotation

    @Test
    void rotationAddsAnActiveSecondVersionAndKeepsTheFirstActive() {
        JsonNode key = keys.show("rotated");
        assertEquals(2, key.path("versions").size(), key::toString);
        assertEquals(rotatedV2, KeyApi.version(key, 2));
        assertEquals("active", KeyApi.version(key, 1).path("state").asText(), key::toString);
        assertEquals("active", rotatedV2.path("state").asText(), rotatedV2::toString);
        assertNotEquals(rotatedV1.path("keyId"), rotatedV2.path("keyId"), "a new version is a new key pair");
    }

    @Test
    void signingByNameAfterRotationUsesTheSecondVersionsKey() {
        byte[] envelope = KeyApi.envelope(signedAfterRotation);
        assertEquals(2, signedAfterRotation.path("version").asInt(), signedAfterRotation::toString);
        assertEquals(rotatedV2.path("keyId").asText(), signedAfterRotation.path("keyId").asText());
        assertEquals(rotatedV2.path("keyId").asText(),
                signedAfterRotation.path("envelope").path("signatures").path(0).path("keyid").asText());
        assertTrue(KeyApi.verifiesWith(envelope, rotatedV2.path("publicKeyPem").asText()));
        assertFalse(KeyApi.verifiesWith(envelope, rotatedV1.path("publicKeyPem").asText()));
    }

    @Test
    void anEnvelopeSignedBySecondVersionIsAcceptedAndVerified() {
        JsonNode record = keys.submitted(KeyApi.envelope(signedAfterRotation));
        assertEquals(rotatedV2.path("keyId").asText(), record.path("signerKeyIds").path(0).asText(), record::toString);
        assertTrue(keys.verifyRecord(record.path("uuid").asText()).path("verified").asBoolean());
    }

    @Test
    void aRecordSignedByTheFirstVersionStillVerifiesAfterRotation() {
        JsonNode report = keys.verifyRecord(rotatedV1Record);
        assertTrue(report.path("verified").asBoolean(), report::toString);
    }

    @Test
    void anEnvelopeOfTheFirstVersionIsStillAcceptedAfterRotation() {
        JsonNode record = keys.submitted(rotatedV1Unsubmitted);
        assertEquals(rotatedV1.path("keyId").asText(), record.path("signerKeyIds").path(0).asText(), record::toString);
    }

    @Test
    void theFirstVersionStillSignsByItsKeyIdUntilItIsRetired() {
        JsonNode signed = keys.sign(rotatedV1.path("keyId").asText(), "rotated-v1-by-id.jar");
        assertEquals(1, signed.path("version").asInt(), signed::toString);
        assertEquals(rotatedV1.path("keyId").asText(), signed.path("keyId").asText());
    }

    @Test
    void aRotationMayChangeTheAlgorithm() {
        keys.create("changes-algorithm", "ECDSA_P256_SHA256");
        JsonNode v2 = keys.rotate("changes-algorithm", Map.of("algorithm", "ED25519"));
        assertEquals("ED25519", v2.path("algorithm").asText(), v2::toString);
        JsonNode signed = keys.sign("changes-algorithm", "changes-algorithm.jar");
        assertTrue(KeyApi.verifiesWith(KeyApi.envelope(signed), v2.path("publicKeyPem").asText()), signed::toString);
    }

    @Test
    void aRotationKeepsTheAlgorithmWhenNoneIsNamed() {
        keys.create("keeps-algorithm", "ED25519");
        assertEquals("ED25519", keys.rotate("keeps-algorithm", Map.of()).path("algorithm").asText());
    }

    @Test
    void aScheduledRotationLeavesThePreviousVersionSigningUntilItsTime() {
        keys.create("scheduled", null);
        String at = inADay();
        JsonNode v2 = keys.rotate("scheduled", Map.of("at", at));

        assertEquals(Instant.parse(at), Instant.parse(v2.path("validFrom").asText()), v2::toString);
        assertEquals("active", v2.path("state").asText(), "a scheduled version reads as active: " + v2);
        assertEquals(1, keys.sign("scheduled", "scheduled.jar").path("version").asInt());
    }

    @Test
    void retirePreviousAtSchedulesTheRetirementOfEveryEarlierVersion() {
        keys.create("handover", null);
        keys.rotate("handover", Map.of());
        String at = inADay();
        keys.rotate("handover", Map.of("retirePreviousAt", at));

        JsonNode key = keys.show("handover");
        for (int n : new int[] {1, 2}) {
            JsonNode v = KeyApi.version(key, n);
            assertEquals(Instant.parse(at), Instant.parse(v.path("retiredAt").asText()), key::toString);
            assertEquals("active", v.path("state").asText(), "retired only from then: " + key);
        }
        assertTrue(KeyApi.version(key, 3).path("retiredAt").isNull(), key::toString);
    }

    // ---- retirement

    @Test
    void retiringAVersionNowMarksItRetired() {
        assertEquals("retired", retiredAnswer.path("state").asText(), retiredAnswer::toString);
        assertFalse(retiredAnswer.path("retiredAt").isNull(), retiredAnswer::toString);
        JsonNode key = keys.show("retiring");
        assertEquals(retiredAnswer, KeyApi.version(key, 1));
        assertEquals("active", KeyApi.version(key, 2).path("state").asText(), key::toString);
    }

    @Test
    void aRecordAcceptedBeforeRetirementStillVerifies() {
        JsonNode report = keys.verifyRecord(retiringV1Record);
        assertTrue(report.path("verified").asBoolean(), report::toString);
    }

    @Test
    void aRetiredVersionCannotSign() {
        keys.signResponse(retiringV1.path("keyId").asText(), "retired-signs.jar").assertProblem(409, "key.not_active");
    }

    @Test
    void signingByNameAfterRetirementUsesTheVersionStillActive() {
        assertEquals(2, keys.sign("retiring", "retiring-v2.jar").path("version").asInt());
    }

    @Test
    void anEnvelopeOfARetiredVersionSubmittedAfterRetirementIsRefused() {
        keys.api().submit(retiringV1Unsubmitted).assertProblem(422, "signature.retired_signer");
    }

    @Test
    void aKeyWhoseOnlyVersionIsRetiredHasNothingToSignWith() {
        JsonNode v1 = KeyApi.version(keys.create("ended", null), 1);
        keys.retire("ended", v1.path("keyId").asText());
        keys.signResponse("ended", "ended.jar").assertProblem(409, "key.not_active");
    }

    @Test
    void aScheduledRetirementKeepsTheVersionSigningUntilItsTime() {
        JsonNode v1 = KeyApi.version(keys.create("retires-later", null), 1);
        String at = inADay();
        ApiResponse answer = keys.retireResponse("retires-later", v1.path("keyId").asText(), Map.of("at", at));
        assertEquals(200, answer.status(), answer::describe);
        JsonNode retired = answer.json();

        assertEquals(Instant.parse(at), Instant.parse(retired.path("retiredAt").asText()), retired::toString);
        assertEquals("active", retired.path("state").asText(), retired::toString);
        assertEquals(1, keys.sign(v1.path("keyId").asText(), "retires-later.jar").path("version").asInt());
    }

    // ---- audit

    @Test
    void everyLifecycleChangeIsAuditedUnderItsDocumentedAction() {
        assertAudited("key.created", rotatedV1.path("keyId").asText(), "rotated");
        assertAudited("key.rotated", rotatedV2.path("keyId").asText(), "rotated");
        assertAudited("key.retired", retiringV1.path("keyId").asText(), "retiring");
        assertAudited("key.signed", rotatedV1.path("keyId").asText(), "rotated");
    }

    @Test
    void aRefusedSignatureIsAuditedWithTheRefusalsCode() {
        String keyId = retiringV1.path("keyId").asText();
        keys.signResponse(keyId, "audited-refusal.jar").assertProblem(409, "key.not_active");
        assertTrue(keys.auditEvents("key.signed").stream().anyMatch(e -> e.path("target").asText().equals(keyId)
                && e.path("outcome").asText().equals("key.not_active")), "no refused key.signed event for " + keyId);
    }

    /** Requires a successful event of the caller's tenant and principal naming the key version or the key. */
    private void assertAudited(String action, String keyId, String name) {
        List<JsonNode> events = keys.auditEvents(action);
        assertTrue(events.stream().anyMatch(e -> (e.path("target").asText().equals(keyId)
                        || e.path("target").asText().equals(name))
                        && e.path("outcome").asText().equals("success")
                        && e.path("actor").asText().equals(TestHttp.ACTOR)
                        && e.path("tenant").asText().equals(TestHttp.TENANT)),
                () -> "no successful " + action + " event for " + name + " (" + keyId + "): " + events);
    }
}
