package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.VerificationReport;

/**
 * The JSON shapes of batch answers: one result per item (what the same request on its own would have answered,
 * reduced to its essentials) and the summary of a JSON answer. docs/api.md documents them.
 */
final class BatchViews {

    private BatchViews() {
    }

    /** {@code {"index","line"?,"status":201|200|202,"uuid","envelopeDigest","statusUrl"}}. */
    static Map<String, Object> submitted(BatchInput.Item item, Submission submission) {
        Map<String, Object> m = head(item, Views.submissionStatus(submission));
        m.put("uuid", submission.record().uuid());
        m.put("envelopeDigest", submission.record().envelopeDigest());
        m.put("statusUrl", Views.statusUrl(submission.record()));
        return m;
    }

    /** {@code {"index","line"?,"status":200,"report":{…as POST /api/v1/rekor/verify…}}}. */
    static Map<String, Object> verified(BatchInput.Item item, VerificationReport report) {
        Map<String, Object> m = head(item, 200);
        m.put("report", Views.report(report));
        return m;
    }

    /** {@code {"index","line"?,"status":200,"report":{…as POST /api/v1/rekor/verify with a policy…}}}. */
    static Map<String, Object> verified(BatchInput.Item item, PolicyService.PolicyVerification verification) {
        Map<String, Object> m = head(item, 200);
        m.put("report", Views.report(verification));
        return m;
    }

    /** {@code {"index","line"?,"status":4xx|5xx,"problem":{type,title,status,code,detail,errors?}}}. */
    static Map<String, Object> failed(BatchInput.Item item, RuntimeException failure) {
        Map<String, Object> problem = Problems.ofItem(failure);
        Map<String, Object> m = head(item, (Integer) problem.get("status"));
        m.put("problem", problem);
        return m;
    }

    private static Map<String, Object> head(BatchInput.Item item, int status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", item.index());
        if (item.line() > 0) {
            m.put("line", item.line());
        }
        m.put("status", status);
        return m;
    }

    /** {@code {"created","existing","pending","failed"}}: results with status 201, 200, 202 and any other. */
    static Map<String, Object> submitSummary(List<Map<String, Object>> results) {
        long created = countStatus(results, 201);
        long existing = countStatus(results, 200);
        long pending = countStatus(results, 202);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created", created);
        m.put("existing", existing);
        m.put("pending", pending);
        m.put("failed", results.size() - created - existing - pending);
        return m;
    }

    /**
     * {@code {"verified","unverified","failed"}}: reports that verified, reports that did not, problems; plus
     * {@code "allowed","denied"} when any item was judged by a policy (reports with {@code allowed} true / false).
     */
    static Map<String, Object> verifySummary(List<Map<String, Object>> results) {
        long verified = results.stream().filter(r -> r.get("report") instanceof Map<?, ?> report
                && Boolean.TRUE.equals(report.get("verified"))).count();
        long reports = countStatus(results, 200);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verified", verified);
        m.put("unverified", reports - verified);
        m.put("failed", results.size() - reports);
        long judged = results.stream().filter(r -> r.get("report") instanceof Map<?, ?> report
                && report.containsKey("allowed")).count();
        if (judged > 0) {
            long allowed = results.stream().filter(r -> r.get("report") instanceof Map<?, ?> report
                    && Boolean.TRUE.equals(report.get("allowed"))).count();
            m.put("allowed", allowed);
            m.put("denied", judged - allowed);
        }
        return m;
    }

    private static long countStatus(List<Map<String, Object>> results, int status) {
        return results.stream().filter(r -> Integer.valueOf(status).equals(r.get("status"))).count();
    }
}
