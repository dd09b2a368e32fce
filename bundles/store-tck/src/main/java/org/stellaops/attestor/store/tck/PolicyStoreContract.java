package org.stellaops.attestor.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.store.tck.TckRecords.T0;
import static org.stellaops.attestor.store.tck.TckRecords.TENANT;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.PolicyVersion;

/** The {@link PolicyStore} contract (store contract 5.2). */
public abstract class PolicyStoreContract extends StoreContract {

    /** Another tenant. */
    protected static final String OTHER = "tenant-b";

    /**
     * @param tenant the tenant
     * @param id the policy id
     * @param version the version
     * @return a JSON document version by {@code alice}, made at {@code T0 + version} seconds
     */
    protected static PolicyVersion document(String tenant, String id, int version) {
        return new PolicyVersion(tenant, id, version, false, PolicyVersion.JSON,
                "{\"id\":\"" + id + "\",\"version\":" + version + "}", "sha256:" + "0".repeat(63) + (version % 10),
                "alice", T0.plusSeconds(version), version % 2 == 0, "change " + version);
    }

    private static PolicyVersion tombstone(String id, int version) {
        return new PolicyVersion(TENANT, id, version, true, "", "", "", "bob", T0.plusSeconds(version), false, "gone");
    }

    private static PolicyApproval approval(String id, int version, String approver, long second) {
        return new PolicyApproval(TENANT, id, version, approver, T0.plusSeconds(second));
    }

    @Test
    void readsBackDocumentsAndTombstonesEqualToThoseStored() {
        PolicyVersion one = document(TENANT, "release", 1);
        PolicyVersion yaml = new PolicyVersion(TENANT, "release", 2, false, PolicyVersion.YAML,
                "id: release\nversion: 2\n# ü → ∀\n", "sha256:" + "ab".repeat(32), "carol", T0, true, "");
        PolicyVersion gone = tombstone("release", 3);
        assertTrue(policies().append(one));
        assertTrue(policies().append(yaml));
        assertTrue(policies().append(gone));
        assertEquals(one, policies().get(TENANT, "release", 1).orElseThrow());
        assertEquals(yaml, policies().get(TENANT, "release", 2).orElseThrow());
        assertEquals(gone, policies().get(TENANT, "release", 3).orElseThrow());
        assertTrue(policies().get(TENANT, "release", 4).isEmpty());
        assertTrue(policies().get(TENANT, "other", 1).isEmpty());
    }

    @Test
    void keepsALargeDocumentByteForByte() {
        StringBuilder text = new StringBuilder("{\"description\":\"");
        while (text.length() < 200_000) {
            text.append("ünïcödé \\\"quoted\\\" ");
        }
        text.append("\"}");
        PolicyVersion big = new PolicyVersion(TENANT, "big", 1, false, PolicyVersion.JSON, text.toString(),
                "sha256:" + "cd".repeat(32), "alice", T0, false, "");
        assertTrue(policies().append(big));
        assertEquals(text.toString(), policies().get(TENANT, "big", 1).orElseThrow().document());
    }

    @Test
    void refusesASecondVersionWithTheSameIdentityAndKeepsTheFirst() {
        PolicyVersion first = document(TENANT, "p", 1);
        assertTrue(policies().append(first));
        PolicyVersion rival = new PolicyVersion(TENANT, "p", 1, false, PolicyVersion.JSON, "{}",
                "sha256:" + "ef".repeat(32), "mallory", T0, false, "");
        assertFalse(policies().append(rival));
        assertEquals(first, policies().get(TENANT, "p", 1).orElseThrow());
        assertEquals(List.of(first), policies().history(TENANT, "p"));
    }

    @Test
    void listsAHistoryOldestFirstWithVersionsPastNine() {
        List<PolicyVersion> expected = new ArrayList<>();
        for (int v = 12; v >= 1; v--) {
            expected.add(0, document(TENANT, "p", v));
            policies().append(document(TENANT, "p", v));
        }
        assertEquals(expected, policies().history(TENANT, "p"));
        assertTrue(policies().history(TENANT, "q").isEmpty());
    }

    @Test
    void listsEveryPolicyOfATenantByIdThenVersion() {
        for (String id : List.of("pa", "p-1", "p", "p.x", "a")) {
            policies().append(document(TENANT, id, 2));
            policies().append(document(TENANT, id, 1));
        }
        List<String> order = policies().allVersions(TENANT).stream().map(v -> v.policyId() + "@" + v.version()).toList();
        assertEquals(List.of("a@1", "a@2", "p@1", "p@2", "p-1@1", "p-1@2", "p.x@1", "p.x@2", "pa@1", "pa@2"), order);
    }

    @Test
    void keepsEveryTenantsPoliciesApart() {
        policies().append(document(TENANT, "p", 1));
        assertTrue(policies().append(document(OTHER, "p", 1)));
        policies().append(document(OTHER, "only-b", 1));
        policies().approve(approval("p", 1, "bob", 1));
        assertEquals(List.of("p"), policies().allVersions(TENANT).stream().map(PolicyVersion::policyId).toList());
        assertEquals(List.of("only-b", "p"), policies().allVersions(OTHER).stream().map(PolicyVersion::policyId).toList());
        assertTrue(policies().history(TENANT, "only-b").isEmpty());
        assertTrue(policies().approvals(OTHER, "p").isEmpty());
        assertTrue(policies().allVersions("tenant-c").isEmpty());
    }

    @Test
    void recordsApprovalsOncePerApproverInVersionTimeAndApproverOrder() {
        for (int v = 1; v <= 3; v++) {
            policies().append(document(TENANT, "p", v));
        }
        assertTrue(policies().approve(approval("p", 3, "dave", 5)));
        assertTrue(policies().approve(approval("p", 1, "carol", 9)));
        assertTrue(policies().approve(approval("p", 3, "bob", 5)));
        assertTrue(policies().approve(approval("p", 3, "erin", 2)));
        assertFalse(policies().approve(approval("p", 3, "bob", 7)), "bob approved version 3 before");
        assertEquals(List.of("1 carol", "3 erin", "3 bob", "3 dave"), policies().approvals(TENANT, "p").stream()
                .map(a -> a.version() + " " + a.approver()).toList());
        assertEquals(approval("p", 1, "carol", 9), policies().approvals(TENANT, "p").get(0));
    }

    @Test
    void refusesAnApprovalOfAVersionThatDoesNotExist() {
        policies().append(document(TENANT, "p", 1));
        assertThrows(IllegalArgumentException.class, () -> policies().approve(approval("p", 2, "bob", 1)));
        assertThrows(IllegalArgumentException.class, () -> policies().approve(approval("q", 1, "bob", 1)));
        assertThrows(IllegalArgumentException.class, () -> policies().approve(
                new PolicyApproval(OTHER, "p", 1, "bob", T0)));
        assertTrue(policies().approvals(TENANT, "p").isEmpty());
    }

    @Test
    void movesTheRevisionWithEveryAddedVersionAndApproval() {
        long empty = policies().revision();
        policies().append(document(TENANT, "p", 1));
        long afterAppend = policies().revision();
        assertNotEquals(empty, afterAppend);
        policies().approve(approval("p", 1, "bob", 1));
        long afterApproval = policies().revision();
        assertNotEquals(afterAppend, afterApproval);
        policies().append(document(OTHER, "p", 1));
        assertNotEquals(afterApproval, policies().revision());
    }

    @Test
    void keepsVersionsAndApprovalsOverARestart() throws Exception {
        PolicyVersion one = document(TENANT, "p", 1);
        policies().append(one);
        policies().append(tombstone("p", 2));
        policies().approve(approval("p", 1, "bob", 3));
        long revision = policies().revision();
        reopen();
        assertEquals(List.of(one, tombstone("p", 2)), policies().history(TENANT, "p"));
        assertEquals(List.of(approval("p", 1, "bob", 3)), policies().approvals(TENANT, "p"));
        assertEquals(revision, policies().revision());
        assertFalse(policies().append(one));
    }

    @Test
    void letsExactlyOneOfManyRacingAppendsOfOneVersionWin() throws Exception {
        policies().append(document(TENANT, "p", 1));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String author = "author-" + i;
                Callable<Boolean> race = () -> {
                    start.await();
                    return policies().append(new PolicyVersion(TENANT, "p", 2, false, PolicyVersion.JSON, "{}",
                            "sha256:" + "aa".repeat(32), author, T0, false, ""));
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, won);
            assertEquals(2, policies().history(TENANT, "p").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void showsAnotherWorkersVersionsApprovalsAndRevision() throws Exception {
        try (StoreFixture other = otherWorker()) {
            long before = policies().revision();
            assertTrue(other.policies().append(document(TENANT, "p", 1)));
            assertFalse(policies().append(document(TENANT, "p", 1)), "the other worker made version 1");
            assertEquals(List.of(document(TENANT, "p", 1)), policies().history(TENANT, "p"));
            other.policies().approve(approval("p", 1, "bob", 1));
            assertEquals(1, policies().approvals(TENANT, "p").size());
            assertNotEquals(before, policies().revision());
        }
    }
}
