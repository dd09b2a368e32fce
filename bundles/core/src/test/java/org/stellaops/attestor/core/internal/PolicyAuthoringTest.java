package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo;
import org.stellaops.attestor.core.service.PolicyService.StarterResult;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.testing.MutableClock;

class PolicyAuthoringTest {

    static final Provenance BOB = new Provenance("POST /api/v1/policies", "bob", "192.0.2.2", Harness.TENANT);
    static final Provenance OTHER_TENANT = new Provenance("POST /api/v1/policies", "eve", "192.0.2.3", "tenant-b");

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

    @AfterEach
    void stop() {
        harness.close();
    }

    private Harness start(Harness.Settings settings) {
        harness = new Harness(directory, settings, clock);
        harness.trust(signer);
        harness.addLog(new TestLog("primary.test"), "primary");
        return harness;
    }

    private Harness start() {
        return start(Harness.Settings.defaults());
    }

    static PolicyDraft draft(String id, int version, String rules) {
        return new PolicyDraft(("{\"apiVersion\":\"stella-ops.org/attestor/policy/v1\",\"kind\":\"VerificationPolicy\","
                + "\"id\":\"" + id + "\",\"version\":" + version + ",\"rules\":[" + rules + "]}")
                .getBytes(StandardCharsets.UTF_8), "json", "change " + version);
    }

    private String submitLogged() {
        String digest = harness.submit(Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256)).record()
                .envelopeDigest();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        return digest;
    }

    private boolean allowedBy(String digest, String reference) {
        return harness.core.verify(new VerifyRequest(digest, null, null), PolicyRequest.stored(reference, null,
                false), Harness.WHO).allowed();
    }

    /** @return the events of an action, oldest first */
    private List<AuditEvent> audit(String action) {
        List<AuditEvent> newestFirst = harness.audit.recentEvents(1000).stream()
                .filter(e -> e.action().equals(action)).toList();
        return java.util.stream.IntStream.range(0, newestFirst.size())
                .mapToObj(i -> newestFirst.get(newestFirst.size() - 1 - i)).toList();
    }

    @Test
    void createsVersionOneWhichIsActiveWithoutTheTwoPersonRule() {
        start();
        PolicyInfo info = harness.core.create(draft("signed", 1, PolicyVerificationTest.SIGNED_BY_SIGNER),
                Harness.WHO);
        assertEquals(1, info.activeVersion());
        PolicyVersionInfo v1 = info.versions().get(0);
        assertEquals(PolicyVersionInfo.ACTIVE, v1.state());
        assertEquals("alice", v1.author());
        assertEquals("change 1", v1.comment());
        assertTrue(v1.digest().startsWith("sha256:"));
        assertTrue(allowedBy(submitLogged(), "signed"));
        AuditEvent created = audit("policy.create").get(0);
        assertEquals("signed@1", created.target());
        assertEquals("success", created.outcome());
        assertTrue(harness.topics().contains("org/stellaops/attestor/policy/ACTIVATED"), harness.topics()::toString);
    }

    @Test
    void refusesAnInvalidDocumentWithEveryProblemStoresNothingAndAuditsTheRefusal() {
        start();
        PolicyInvalidException refused = assertThrows(PolicyInvalidException.class, () -> harness.core.create(
                draft("bad", 1, "{\"id\":\"a\",\"type\":\"issuer\",\"config\":{\"keys\":[\"nobody\"]}},"
                        + "{\"id\":\"a\",\"type\":\"nope\"}"), Harness.WHO));
        assertTrue(refused.problems().size() >= 2, refused.problems()::toString);
        assertTrue(harness.core.policies(Harness.TENANT).isEmpty());
        assertEquals("policy.invalid", audit("policy.create").get(0).outcome());
    }

    @Test
    void refusesADocumentWhoseVersionIsNotTheNextOne() {
        start();
        harness.core.create(draft("signed", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        AttestorException stale = assertThrows(AttestorException.class, () -> harness.core.update("signed",
                draft("signed", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO));
        assertEquals("policy.version_conflict", stale.code());
        AttestorException again = assertThrows(AttestorException.class, () -> harness.core.create(
                draft("signed", 2, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO));
        assertEquals("policy.exists", again.code());
        AttestorException firstNotOne = assertThrows(AttestorException.class, () -> harness.core.create(
                draft("other", 3, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO));
        assertEquals("policy.version_conflict", firstNotOne.code());
    }

    @Test
    void keepsEveryVersionWhenAnUpdateMakesTheNextOneActive() {
        start();
        String digest = submitLogged();
        harness.core.create(draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        assertTrue(allowedBy(digest, "p"));
        PolicyInfo info = harness.core.update("p", draft("p", 2, "{\"id\":\"about\",\"type\":\"subject\","
                + "\"config\":{\"requested\":true}}"), Harness.WHO);
        assertEquals(2, info.activeVersion());
        assertEquals(List.of(PolicyVersionInfo.SUPERSEDED, PolicyVersionInfo.ACTIVE),
                info.versions().stream().map(PolicyVersionInfo::state).toList());
        assertFalse(allowedBy(digest, "p"), "the active version changed, the cached decision must not be reused");
        assertTrue(allowedBy(digest, "p@1"), "an approved older version stays usable by its number");
        AttestorException wrongId = assertThrows(AttestorException.class, () -> harness.core.update("p",
                draft("q", 3, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO));
        assertEquals("policy.id_mismatch", wrongId.code());
    }

    @Test
    void deletesWithATombstoneThatKeepsTheHistoryAndAllowsARecreation() {
        start();
        String digest = submitLogged();
        harness.core.create(draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        PolicyInfo deleted = harness.core.delete("p", "retired", Harness.WHO);
        assertTrue(deleted.deleted());
        assertNull(deleted.activeVersion());
        assertEquals(2, deleted.versions().size());
        assertEquals(PolicyVersionInfo.DELETED, deleted.versions().get(1).state());
        AttestorException gone = assertThrows(AttestorException.class, () -> allowedBy(digest, "p"));
        assertEquals("policy.not_found", gone.code());
        assertEquals("policy.not_found", assertThrows(AttestorException.class,
                () -> harness.core.delete("p", "", Harness.WHO)).code());
        PolicyInfo again = harness.core.create(draft("p", 3, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        assertEquals(3, again.activeVersion());
        assertTrue(allowedBy(digest, "p"));
        assertEquals("success", audit("policy.delete").get(0).outcome());
    }

    @Test
    void makesAVersionActiveOnlyOnceAnotherPrincipalApprovedIt() {
        start(Harness.Settings.defaults().with("policyApprovalTenants", new String[] {Harness.TENANT}));
        String digest = submitLogged();
        PolicyInfo pending = harness.core.create(draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER),
                Harness.WHO);
        assertNull(pending.activeVersion());
        assertEquals(PolicyVersionInfo.PENDING, pending.versions().get(0).state());
        assertEquals("policy.not_active", assertThrows(AttestorException.class,
                () -> allowedBy(digest, "p")).code());
        assertEquals("policy.self_approval", assertThrows(AttestorException.class,
                () -> harness.core.approve("p", 1, Harness.WHO)).code());
        PolicyInfo approved = harness.core.approve("p", 1, BOB);
        assertEquals(1, approved.activeVersion());
        assertEquals("bob", approved.versions().get(0).approvals().get(0).approver());
        assertTrue(allowedBy(digest, "p"));
        assertEquals("policy.already_approved", assertThrows(AttestorException.class,
                () -> harness.core.approve("p", 1, BOB)).code());
        assertEquals(List.of("policy.self_approval", "success", "policy.already_approved"),
                audit("policy.approve").stream().map(AuditEvent::outcome).toList());
    }

    @Test
    void keepsTheActiveVersionWhileTheNextWaitsAndRefusesToApproveWhatWasOvertaken() {
        start(Harness.Settings.defaults().with("policyApprovalTenants", new String[] {"*"}));
        harness.core.create(draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        harness.core.approve("p", 1, BOB);
        harness.core.update("p", draft("p", 2, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        PolicyInfo info = harness.core.update("p", draft("p", 3, PolicyVerificationTest.SIGNED_BY_SIGNER),
                Harness.WHO);
        assertEquals(1, info.activeVersion());
        assertEquals("policy.not_active", assertThrows(AttestorException.class,
                () -> allowedBy(submitLogged(), "p@2")).code());
        harness.core.approve("p", 3, BOB);
        assertEquals("policy.not_approvable", assertThrows(AttestorException.class,
                () -> harness.core.approve("p", 2, BOB)).code());
        assertEquals("policy.not_found", assertThrows(AttestorException.class,
                () -> harness.core.approve("p", 9, BOB)).code());
    }

    @Test
    void keepsEveryTenantsPoliciesToItself() {
        start();
        String digest = submitLogged();
        harness.core.create(draft("p", 1, PolicyVerificationTest.SIGNED_BY_SIGNER), Harness.WHO);
        assertTrue(harness.core.policy("tenant-b", "p").isEmpty());
        assertTrue(harness.core.policies("tenant-b").isEmpty());
        assertEquals("policy.not_found", assertThrows(AttestorException.class,
                () -> harness.core.update("p", draft("p", 2, "{\"id\":\"x\",\"type\":\"subject\"}"),
                        OTHER_TENANT)).code());
        assertTrue(allowedBy(digest, "p"));
    }

    @Test
    void storesAYamlDocumentAsSentWithTheDigestOfItsJsonForm() {
        start();
        PolicyDraft json = draft("y", 1, PolicyVerificationTest.SIGNED_BY_SIGNER);
        String yaml = "apiVersion: stella-ops.org/attestor/policy/v1\nkind: VerificationPolicy\nid: y\nversion: 1\n"
                + "rules:\n  - id: by-signer\n    type: issuer\n    config: {keys: [signer]}\n";
        PolicyInfo stored = harness.core.create(new PolicyDraft(yaml.getBytes(StandardCharsets.UTF_8), "yaml", ""),
                Harness.WHO);
        assertEquals(yaml, stored.versions().get(0).document());
        assertEquals("yaml", stored.versions().get(0).format());
        String jsonDigest = harness.core.verify(new VerifyRequest(submitLogged(), null, null),
                PolicyRequest.inline(json.document(), null, false), Harness.WHO).policy().digest();
        assertEquals(jsonDigest, stored.versions().get(0).digest());
        assertEquals("policy.unsupported_format", assertThrows(AttestorException.class, () -> harness.core.create(
                new PolicyDraft(yaml.getBytes(StandardCharsets.UTF_8), "toml", ""), Harness.WHO)).code());
    }

    @Test
    void loadsTheStarterPoliciesATenantCanUseAndSkipsTheOthers() {
        start(Harness.Settings.defaults().with("policyKeySets", new String[] {"trusted-signers=signer",
                "scanners=signer", "vex-authors=signer"}));
        List<StarterResult> results = harness.core.loadStarterPolicies(Harness.WHO);
        assertEquals(StarterPolicies.IDS, results.stream().map(StarterResult::policyId).toList());
        assertEquals(List.of("loaded", "invalid", "loaded", "invalid"),
                results.stream().map(StarterResult::outcome).toList());
        assertEquals("policy.unknown_key_set", results.get(1).problems().get(0).code());
        assertEquals(List.of("fresh-scan-no-criticals", "signed-by-trusted-key"),
                harness.core.policies(Harness.TENANT).stream().map(PolicyInfo::policyId).toList());
        assertEquals(List.of("exists", "invalid", "exists", "invalid"), harness.core.loadStarterPolicies(
                Harness.WHO).stream().map(StarterResult::outcome).toList());
        assertTrue(allowedBy(submitLogged(), "signed-by-trusted-key"));
    }

    @Test
    void loadsTheStarterPoliciesIntoTheConfiguredTenantAtStart() {
        start(Harness.Settings.defaults().with("starterPolicies", true)
                .with("starterPolicyTenant", Harness.TENANT)
                .with("policyKeySets", new String[] {"trusted-signers=signer"}));
        Harness.await("starter policy loaded", () -> harness.core.policy(Harness.TENANT, "signed-by-trusted-key")
                .isPresent());
        assertEquals(PolicyAuthoring.STARTER_AUTHOR, harness.core.policy(Harness.TENANT, "signed-by-trusted-key")
                .orElseThrow().versions().get(0).author());
    }
}
