package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.KeyService.CreateKey;
import org.stellaops.attestor.core.service.KeyService.Revocation;
import org.stellaops.attestor.core.service.KeyService.Rotation;
import org.stellaops.attestor.core.service.KeyService.SignRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.Tenants;
import org.stellaops.attestor.store.TrustedKey;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;

/** The key registry on a running core: versions, rotation, retirement, revocation and server-side signing. */
class KeyLifecycleTest {

    private static final Provenance BOB = new Provenance("POST /api/v1/keys", "bob", "192.0.2.2", "tenant-b");
    private static final Provenance OPERATOR = new Provenance("POST /api/v1/keys", "root", "192.0.2.9",
            Tenants.OPERATOR);

    @TempDir
    Path directory;

    private Harness harness;
    private KeyService keys;

    @BeforeEach
    void start() {
        harness = new Harness(directory);
        harness.addLog(new TestLog("primary.test"), "primary");
        keys = harness.core.keys();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private TrustedKey create(String name) {
        return keys.create(new CreateKey(name, "file", KeyAlgorithm.ECDSA_P256_SHA256, null, false), Harness.WHO);
    }

    private KeyService.Signed sign(String key, boolean submit) {
        return keys.sign(new SignRequest(key, Envelope.IN_TOTO_PAYLOAD_TYPE, Harness.statement(), submit),
                Harness.WHO);
    }

    private static String signer(byte[] envelopeJson) {
        return DsseEnvelopes.parse(envelopeJson, JsonLimits.DEFAULT).envelope().signatures().get(0).keyId();
    }

    private static String codeOf(Runnable action) {
        return assertThrows(AttestorException.class, action::run).code();
    }

    @Test
    void aKeyCreatedInADriverSignsStatementsThatAreAcceptedAndVerify() {
        TrustedKey key = create("release");
        KeyService.Signed signed = sign("release", true);
        assertEquals(key.keyId(), signer(signed.envelopeJson()));
        assertTrue(signed.submission().created());
        assertTrue(harness.verify(signed.submission().record().envelopeDigest()).verified());
    }

    @Test
    void aRotationMakesNewSignaturesUseTheNewVersionWhileOldEnvelopesKeepVerifying() {
        TrustedKey first = create("release");
        EntryRecord old = sign("release", true).submission().record();
        TrustedKey second = keys.rotate("release", new Rotation(null, null, null, null), Harness.WHO);
        assertEquals(2, second.version());
        assertEquals(second.keyId(), signer(sign("release", false).envelopeJson()));
        assertNotEquals(first.keyId(), second.keyId());
        assertTrue(harness.verify(old.envelopeDigest()).verified());
    }

    @Test
    void aRotationScheduledForLaterLeavesTheCurrentVersionSigning() {
        TrustedKey first = create("release");
        keys.rotate("release", new Rotation(Instant.now().plus(Duration.ofHours(1)), null, null, null), Harness.WHO);
        assertEquals(first.keyId(), signer(sign("release", false).envelopeJson()));
    }

    @Test
    void aRetiredVersionNoLongerGetsNewSubmissionsAcceptedButKeepsItsOldOnes() {
        KeyPair v1 = TestKeys.p256();
        KeyPair v2 = TestKeys.p256();
        TrustedKey first = harness.core.addTrustedKey("ci", PublicKeys.toPem(v1.getPublic()), false, Harness.WHO);
        EntryRecord old = harness.submit(Harness.envelope(v1, KeyAlgorithm.ECDSA_P256_SHA256)).record();
        keys.rotate("ci", new Rotation(null, PublicKeys.toPem(v2.getPublic()), null, null), Harness.WHO);
        keys.retire(first.keyId(), null, Harness.WHO);
        assertEquals("signature.retired_signer",
                codeOf(() -> harness.submit(Harness.envelope(v1, KeyAlgorithm.ECDSA_P256_SHA256))));
        assertTrue(harness.submit(Harness.envelope(v2, KeyAlgorithm.ECDSA_P256_SHA256)).created());
        assertTrue(harness.verify(old.envelopeDigest()).verified());
    }

    @Test
    void anExternalKeyRotationNeedsTheNewPublicKey() {
        harness.core.addTrustedKey("ci", PublicKeys.toPem(TestKeys.p256().getPublic()), false, Harness.WHO);
        assertEquals("request.malformed",
                codeOf(() -> keys.rotate("ci", new Rotation(null, null, null, null), Harness.WHO)));
    }

    @Test
    void anOrdinaryRevocationKeepsEnvelopesAcceptedBeforeIt() {
        TrustedKey key = create("release");
        EntryRecord old = sign("release", true).submission().record();
        keys.revoke(key.keyId(), new Revocation(RevocationReason.SUPERSEDED, null), Harness.WHO);
        assertTrue(harness.verify(old.envelopeDigest()).verified());
        assertEquals(KeyState.REVOKED, keys.versions(Harness.TENANT, "release").get(0).state(Instant.now()));
    }

    @Test
    void aCompromiseFailsEnvelopesAcceptedAfterItBeganAndRaisesAnAlert() {
        TrustedKey key = create("release");
        EntryRecord old = sign("release", true).submission().record();
        keys.revoke(key.keyId(), new Revocation(RevocationReason.KEY_COMPROMISE, old.createdAt().minusSeconds(1)),
                Harness.WHO);
        assertFalse(harness.verify(old.envelopeDigest()).verified());
        assertTrue(harness.topics().contains(Auditor.TOPIC_PREFIX + "key/COMPROMISED"));
        assertTrue(harness.topics().contains(Auditor.TOPIC_PREFIX + "alert/KEY_COMPROMISED"));
    }

    @Test
    void aRevokedKeyCannotBeRevokedTwice() {
        TrustedKey key = create("release");
        keys.revoke(key.keyId(), new Revocation(RevocationReason.UNSPECIFIED, null), Harness.WHO);
        assertEquals("key.already_revoked", codeOf(() ->
                keys.revoke(key.keyId(), new Revocation(RevocationReason.UNSPECIFIED, null), Harness.WHO)));
    }

    @Test
    void everyLifecycleChangeIsAudited() {
        TrustedKey key = create("release");
        keys.rotate("release", new Rotation(null, null, null, null), Harness.WHO);
        keys.retire(key.keyId(), null, Harness.WHO);
        List<String> topics = harness.topics();
        assertTrue(topics.contains(Auditor.TOPIC_PREFIX + "key/CREATED"));
        assertTrue(topics.contains(Auditor.TOPIC_PREFIX + "key/ROTATED"));
        assertTrue(topics.contains(Auditor.TOPIC_PREFIX + "key/RETIRED"));
    }

    @Test
    void aKeyNameIsUniqueWithinATenantButFreeInAnother() {
        create("release");
        assertEquals("key.name_conflict", codeOf(() -> create("release")));
        TrustedKey bobs = keys.create(new CreateKey("release", "file", null, null, false), BOB);
        assertEquals("tenant-b", bobs.tenant());
    }

    @Test
    void aTenantCannotSignWithOrRevokeAnotherTenantsKey() {
        TrustedKey key = create("release");
        assertEquals("key.not_found", codeOf(() -> keys.sign(new SignRequest(key.keyId(),
                Envelope.IN_TOTO_PAYLOAD_TYPE, Harness.statement(), false), BOB)));
        assertEquals("key.not_found", codeOf(() ->
                keys.revoke(key.keyId(), new Revocation(RevocationReason.UNSPECIFIED, null), BOB)));
    }

    @Test
    void theServiceSignsOnlyInTotoStatements() {
        create("release");
        assertEquals("envelope.unsupported_payload_type", codeOf(() -> keys.sign(new SignRequest("release",
                "text/plain", "hello".getBytes(StandardCharsets.UTF_8), false), Harness.WHO)));
        assertEquals("statement.unknown_type", codeOf(() -> keys.sign(new SignRequest("release",
                Envelope.IN_TOTO_PAYLOAD_TYPE, "{}".getBytes(StandardCharsets.UTF_8), false), Harness.WHO)));
    }

    @Test
    void signingWithAStoppedDriverFailsFast() {
        create("release");
        harness.drivers.unbind(harness.keyDriver);
        assertEquals("key.driver_unavailable", codeOf(() -> sign("release", false)));
    }

    @Test
    void aKeyNameMustBeSafeForEveryDriver() {
        assertEquals("key.invalid_input", codeOf(() -> create("../escape")));
    }

    @Test
    void movingTheServiceKeyToAnotherDriverMakesANewVersionThereAndOldReceiptsStillVerify() {
        KeyPair ed25519 = TestKeys.ed25519();
        harness.trust(ed25519);
        EntryRecord before = harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
        TestKeyDriver hsm = new TestKeyDriver("pkcs11");
        harness.drivers.bind(hsm);
        harness.core.serviceKeys().useDriver("pkcs11");
        EntryRecord after = harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
        String newKey = after.receipts().get(0).serviceKeyId();
        assertTrue(hsm.key(newKey).isPresent());
        assertNotEquals(before.receipts().get(0).serviceKeyId(), newKey);
        assertEquals(List.of(1, 2), keys.versions(Tenants.OPERATOR, "service").stream()
                .map(TrustedKey::version).toList());
        harness.drivers.unbind(harness.keyDriver);
        assertTrue(harness.verify(before.envelopeDigest()).verified());
    }

    @Test
    void aServiceKeyTheDriverHeldBeforeTheRegistryIsAdoptedAsVersionOne() {
        String existing = harness.keyDriver.createKey("service", KeyAlgorithm.ECDSA_P256_SHA256).keyId();
        assertEquals(existing, harness.core.serviceKeys().current().keyId());
        assertEquals(1, keys.versions(Tenants.OPERATOR, "service").size());
    }

    @Test
    void aKeyTheDriverMadeBeforeACrashIsAdoptedByTheRetry() {
        String label = KeyLifecycle.label(Harness.TENANT, "release", 1);
        String made = harness.keyDriver.createKey(label, KeyAlgorithm.ECDSA_P256_SHA256).keyId();
        assertEquals(made, create("release").keyId());
    }

    @Test
    void theOperatorCanRevokeTheServiceKeyAndTheNextReceiptUsesANewVersion() {
        KeyPair ed25519 = TestKeys.ed25519();
        harness.trust(ed25519);
        EntryRecord before = harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
        String old = before.receipts().get(0).serviceKeyId();
        keys.revoke(old, new Revocation(RevocationReason.SUPERSEDED, null), OPERATOR);
        EntryRecord after = harness.submit(Harness.envelope(ed25519, KeyAlgorithm.ED25519)).record();
        assertNotEquals(old, after.receipts().get(0).serviceKeyId());
    }
}
