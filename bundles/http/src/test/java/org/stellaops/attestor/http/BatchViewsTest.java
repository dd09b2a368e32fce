package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;

class BatchViewsTest {

    private static final BatchInput.Item JSON_ITEM = new BatchInput.Item(3, 0, new byte[0], null);
    private static final BatchInput.Item NDJSON_ITEM = new BatchInput.Item(3, 5, new byte[0], null);

    @Test
    void describesASubmittedItemByItsStatusAndWhereToFindIt() {
        EntryRecord record = Fixtures.record("ab".repeat(32), LogTarget.LOGGED);
        Map<String, Object> view = BatchViews.submitted(JSON_ITEM, new Submission(record, true));
        assertEquals(List.of("index", "status", "uuid", "envelopeDigest", "statusUrl"), List.copyOf(view.keySet()));
        assertEquals(3, view.get("index"));
        assertEquals(201, view.get("status"));
        assertEquals(record.uuid(), view.get("uuid"));
        assertEquals(record.envelopeDigest(), view.get("envelopeDigest"));
        assertEquals("/api/v1/rekor/entries/" + record.uuid(), view.get("statusUrl"));
    }

    @Test
    void answersWhatTheSingleSubmissionWouldHave() {
        EntryRecord logged = Fixtures.record("ab".repeat(32), LogTarget.LOGGED);
        EntryRecord pending = Fixtures.record("cd".repeat(32), LogTarget.PENDING);
        assertEquals(200, BatchViews.submitted(JSON_ITEM, new Submission(logged, false)).get("status"));
        assertEquals(202, BatchViews.submitted(JSON_ITEM, new Submission(pending, true)).get("status"));
        assertEquals(202, BatchViews.submitted(JSON_ITEM, new Submission(pending, false)).get("status"));
    }

    @Test
    void namesTheLineOfAnNdjsonItem() {
        EntryRecord record = Fixtures.record("ab".repeat(32), LogTarget.LOGGED);
        Map<String, Object> view = BatchViews.submitted(NDJSON_ITEM, new Submission(record, true));
        assertEquals(List.of("index", "line", "status"), List.copyOf(view.keySet()).subList(0, 3));
        assertEquals(5, view.get("line"));
    }

    @Test
    void carriesTheProblemOfAFailedItemWithItsStatusAndErrors() {
        Map<String, Object> view = BatchViews.failed(JSON_ITEM, new PredicateRejectedException("https://p",
                List.of(new ValidationError("/predicate/x", "is required"))));
        assertEquals(422, view.get("status"));
        Map<?, ?> problem = (Map<?, ?>) view.get("problem");
        assertEquals(List.of("type", "title", "status", "code", "detail", "errors"), List.copyOf(problem.keySet()));
        assertEquals("predicate.invalid", problem.get("code"));
        assertEquals(List.of(Map.of("pointer", "/predicate/x", "message", "is required")), problem.get("errors"));
    }

    @Test
    void rendersAVerifiedItemWithTheSingleVerifyReport() {
        Map<String, Object> view = BatchViews.verified(JSON_ITEM, Fixtures.report("sha256:" + "ab".repeat(32), true));
        assertEquals(200, view.get("status"));
        assertEquals(Views.report(Fixtures.report("sha256:" + "ab".repeat(32), true)), view.get("report"));
    }

    @Test
    void summarisesSubmissionsByWhatHappenedToThem() {
        EntryRecord logged = Fixtures.record("ab".repeat(32), LogTarget.LOGGED);
        EntryRecord pending = Fixtures.record("cd".repeat(32), LogTarget.PENDING);
        List<Map<String, Object>> results = List.of(
                BatchViews.submitted(JSON_ITEM, new Submission(logged, true)),
                BatchViews.submitted(JSON_ITEM, new Submission(logged, true)),
                BatchViews.submitted(JSON_ITEM, new Submission(logged, false)),
                BatchViews.submitted(JSON_ITEM, new Submission(pending, true)),
                BatchViews.failed(JSON_ITEM, new AttestorException("signature.invalid", "no")),
                BatchViews.failed(JSON_ITEM, new AttestorException("request.too_large", "big")));
        assertEquals(Map.of("created", 2L, "existing", 1L, "pending", 1L, "failed", 2L),
                BatchViews.submitSummary(results));
    }

    @Test
    void summarisesVerificationsIntoVerifiedUnverifiedAndFailed() {
        List<Map<String, Object>> results = List.of(
                BatchViews.verified(JSON_ITEM, Fixtures.report("sha256:" + "ab".repeat(32), true)),
                BatchViews.verified(JSON_ITEM, Fixtures.report("sha256:" + "ab".repeat(32), false)),
                BatchViews.verified(JSON_ITEM, Fixtures.report("sha256:" + "ab".repeat(32), false)),
                BatchViews.failed(JSON_ITEM, new AttestorException("entry.not_found", "no")));
        assertEquals(Map.of("verified", 1L, "unverified", 2L, "failed", 1L), BatchViews.verifySummary(results));
    }

    @Test
    void hidesTheMessageOfAnUnexpectedFailure() {
        Map<?, ?> problem = (Map<?, ?>) BatchViews.failed(JSON_ITEM, new IllegalStateException("secret internals"))
                .get("problem");
        assertEquals(500, problem.get("status"));
        assertEquals("internal.error", problem.get("code"));
        assertFalse(problem.get("detail").toString().contains("secret"));
    }
}
