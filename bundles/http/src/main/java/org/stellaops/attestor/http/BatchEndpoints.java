package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.AttestationService.BatchOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerifyOutcome;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * {@code POST /api/v1/rekor/entries:batch} and {@code POST /api/v1/rekor/verify:batch}: many items in one request,
 * each answered as it would have been on its own. An item that fails here (too large, not parseable) or in the
 * core gets its own problem and never fails the others; the request as a whole fails only for its wrapper (media
 * type, body size, JSON shape, no items) or when the core refuses the batch (too many items).
 *
 * <p>A JSON answer is written once the whole batch is processed (it ends with a summary). An NDJSON answer streams:
 * the batch is handed to the core one slice at a time and each slice's lines are written and flushed before the
 * next slice starts, so a client sees the first results while the rest is still being processed. Since the answer
 * has started by then, a slice the core fails as a whole (a storage outage, say) fails each of its items.
 */
final class BatchEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEndpoints.class);

    private final AttestationService service;
    private final PolicyService policies;
    private final BatchInput.Limits submitLimits;
    private final BatchInput.Limits verifyLimits;
    private final int sliceItems;

    /**
     * @param service the core
     * @param policies verification under policies (items that name one)
     * @param maxRequestBytes the largest envelope (as for a single submission)
     * @param maxBatchBytes the largest batch body
     * @param sliceItems how many items of an NDJSON answer are processed and written at a time
     */
    BatchEndpoints(AttestationService service, PolicyService policies, int maxRequestBytes, int maxBatchBytes,
                   int sliceItems) {
        this.service = service;
        this.policies = policies;
        this.submitLimits = new BatchInput.Limits(maxRequestBytes, maxBatchBytes);
        this.verifyLimits = new BatchInput.Limits(
                (int) Math.min(Integer.MAX_VALUE - 1L, (long) maxRequestBytes + VerifyRequests.WRAPPER_ALLOWANCE),
                maxBatchBytes);
        this.sliceItems = sliceItems;
    }

    /** Answers some items of a batch: one result per item, by the item's index in the request. */
    @FunctionalInterface
    private interface Slice {
        Map<Integer, Map<String, Object>> answer(List<BatchInput.Item> items);
    }

    void submit(HttpExchange exchange, List<String> params) throws IOException {
        BatchInput input = BatchInput.read(exchange, "envelopes", submitLimits);
        answer(exchange, input, items -> submitted(exchange, items), BatchViews::submitSummary);
    }

    void verify(HttpExchange exchange, List<String> params) throws IOException {
        BatchInput input = BatchInput.read(exchange, "items", verifyLimits);
        answer(exchange, input, items -> verified(exchange, items), BatchViews::verifySummary);
    }

    private Map<Integer, Map<String, Object>> submitted(HttpExchange exchange, List<BatchInput.Item> items) {
        Map<Integer, Map<String, Object>> results = rejections(items);
        List<byte[]> envelopes = new ArrayList<>();
        List<BatchInput.Item> sent = new ArrayList<>();
        for (BatchInput.Item item : items) {
            if (item.rejection() == null) {
                envelopes.add(item.bytes());
                sent.add(item);
            }
        }
        List<BatchOutcome> outcomes = envelopes.isEmpty() ? List.of()
                : service.submitBatch(envelopes, exchange.provenance());
        for (BatchOutcome outcome : outcomes) {
            BatchInput.Item item = itemAt(sent, outcome.index());
            results.put(item.index(), outcome.failure() != null ? failed(exchange, item, outcome.failure())
                    : BatchViews.submitted(item, outcome.submission()));
        }
        return results;
    }

    private Map<Integer, Map<String, Object>> verified(HttpExchange exchange, List<BatchInput.Item> items) {
        if (items.size() > service.batchMaxItems()) {
            // items under a policy go to the core in groups: the whole batch is held to the limit here
            throw new AttestorException("request.batch_too_large", "a batch holds at most "
                    + service.batchMaxItems() + " items, not " + items.size());
        }
        Map<Integer, Map<String, Object>> results = rejections(items);
        List<VerifyRequest> requests = new ArrayList<>();
        List<BatchInput.Item> sent = new ArrayList<>();
        Map<PolicyKey, PolicyGroup> withPolicy = new LinkedHashMap<>();
        for (BatchInput.Item item : items) {
            if (item.rejection() != null) {
                continue;
            }
            try {
                JsonNode body = VerifyRequests.object(item.bytes());
                VerifyRequest request = VerifyRequests.of(body);
                PolicyRequest policy = VerifyRequests.policyOf(body);
                if (policy == null) {
                    requests.add(request);
                    sent.add(item);
                } else {
                    withPolicy.computeIfAbsent(PolicyKey.of(policy), k -> new PolicyGroup(policy)).add(item, request);
                }
            } catch (AttestorException e) {
                results.put(item.index(), BatchViews.failed(item, e));
            }
        }
        for (PolicyGroup group : withPolicy.values()) {
            verifiedUnderPolicy(exchange, group, results);
        }
        List<VerifyOutcome> outcomes = requests.isEmpty() ? List.of()
                : service.verifyBatch(requests, exchange.provenance());
        for (VerifyOutcome outcome : outcomes) {
            BatchInput.Item item = itemAt(sent, outcome.index());
            results.put(item.index(), outcome.failure() != null ? failed(exchange, item, outcome.failure())
                    : BatchViews.verified(item, outcome.report()));
        }
        return results;
    }

    /** Items that name the same policy with the same options, verified in one call to the core. */
    private static final class PolicyGroup {
        private final PolicyRequest policy;
        private final List<BatchInput.Item> items = new ArrayList<>();
        private final List<VerifyRequest> requests = new ArrayList<>();

        PolicyGroup(PolicyRequest policy) {
            this.policy = policy;
        }

        void add(BatchInput.Item item, VerifyRequest request) {
            items.add(item);
            requests.add(request);
        }
    }

    /** What makes two items' policy questions the same: the policy (or document bytes), subject and vsa. */
    private record PolicyKey(String policyId, Integer version, String document, String subject, boolean vsa) {
        static PolicyKey of(PolicyRequest p) {
            return new PolicyKey(p.policyId(), p.version(), p.inlineDocument() == null ? null
                    : new String(p.inlineDocument(), java.nio.charset.StandardCharsets.UTF_8), p.subject(), p.vsa());
        }
    }

    /** A policy that cannot be used (unknown, invalid, no engine) fails each item of its group alone. */
    private void verifiedUnderPolicy(HttpExchange exchange, PolicyGroup group,
                                     Map<Integer, Map<String, Object>> results) {
        List<PolicyVerifyOutcome> outcomes;
        try {
            outcomes = policies.verifyBatch(group.requests, group.policy, exchange.provenance());
        } catch (AttestorException e) {
            if ("request.batch_too_large".equals(e.code())) {
                throw e;
            }
            group.items.forEach(item -> results.put(item.index(), failed(exchange, item, e)));
            return;
        }
        for (PolicyVerifyOutcome outcome : outcomes) {
            BatchInput.Item item = itemAt(group.items, outcome.index());
            results.put(item.index(), outcome.failure() != null ? failed(exchange, item, outcome.failure())
                    : BatchViews.verified(item, outcome.verification()));
        }
    }

    private static Map<Integer, Map<String, Object>> rejections(List<BatchInput.Item> items) {
        Map<Integer, Map<String, Object>> results = new HashMap<>();
        for (BatchInput.Item item : items) {
            if (item.rejection() != null) {
                results.put(item.index(), BatchViews.failed(item, item.rejection()));
            }
        }
        return results;
    }

    private static BatchInput.Item itemAt(List<BatchInput.Item> sent, int index) {
        if (index < 0 || index >= sent.size()) {
            throw new IllegalStateException("the core answered for item " + index + " of " + sent.size());
        }
        return sent.get(index);
    }

    private static Map<String, Object> failed(HttpExchange exchange, BatchInput.Item item, RuntimeException failure) {
        String code = Problems.codeOf(failure);
        if (code.startsWith("storage.") || code.equals(Problems.INTERNAL)) {
            LOG.error("batch item {} of {} {} failed", item.index(), exchange.method(), exchange.path(), failure);
        }
        return BatchViews.failed(item, failure);
    }

    /**
     * NDJSON in, NDJSON out; JSON in, JSON out unless the client asks for NDJSON. NDJSON streams slice by slice
     * (see the class comment); a batch over the core's item limit is handed over whole, so the core refuses it
     * exactly as it refuses a JSON batch, before anything is written.
     */
    private void answer(HttpExchange exchange, BatchInput input, Slice slice,
                        Function<List<Map<String, Object>>, Map<String, Object>> summary) throws IOException {
        List<BatchInput.Item> items = input.items();
        boolean ndjson = input.ndjson() || exchange.accepts(NdjsonWriter.CONTENT_TYPE);
        if (ndjson && items.size() <= service.batchMaxItems()) {
            stream(exchange, items, slice);
            return;
        }
        List<Map<String, Object>> ordered = inOrder(items, slice.answer(items));
        if (ndjson) {
            try (NdjsonWriter out = exchange.ndjson(200)) {
                for (Map<String, Object> result : ordered) {
                    out.line(result);
                }
            }
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", ordered);
        body.put("summary", summary.apply(ordered));
        exchange.json(200, body);
    }

    private void stream(HttpExchange exchange, List<BatchInput.Item> items, Slice slice) throws IOException {
        try (NdjsonWriter out = exchange.ndjson(200)) {
            for (int from = 0; from < items.size(); from += sliceItems) {
                List<BatchInput.Item> part = items.subList(from, Math.min(items.size(), from + sliceItems));
                Map<Integer, Map<String, Object>> results;
                try {
                    results = slice.answer(part);
                } catch (RuntimeException e) {
                    // the answer has started: the slice's items fail one by one, the other slices go on
                    results = new HashMap<>();
                    for (BatchInput.Item item : part) {
                        results.put(item.index(), failed(exchange, item, e));
                    }
                }
                for (Map<String, Object> result : inOrder(part, results)) {
                    out.line(result);
                }
            }
        }
    }

    private static List<Map<String, Object>> inOrder(List<BatchInput.Item> items,
                                                     Map<Integer, Map<String, Object>> results) {
        List<Map<String, Object>> ordered = new ArrayList<>(items.size());
        for (BatchInput.Item item : items) {
            Map<String, Object> result = results.get(item.index());
            if (result == null) {
                throw new IllegalStateException("the core did not answer for item " + item.index() + " of the batch");
            }
            ordered.add(result);
        }
        return ordered;
    }
}
