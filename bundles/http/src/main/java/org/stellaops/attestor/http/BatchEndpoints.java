package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.AttestationService.BatchOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyOutcome;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * {@code POST /api/v1/rekor/entries:batch} and {@code POST /api/v1/rekor/verify:batch}: many items in one request,
 * each answered as it would have been on its own. An item that fails here (too large, not parseable) or in the
 * core gets its own problem and never fails the others; the request as a whole fails only for its wrapper (media
 * type, body size, JSON shape, no items) or when the core refuses the batch (too many items).
 */
final class BatchEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEndpoints.class);

    private final AttestationService service;
    private final BatchInput.Limits submitLimits;
    private final BatchInput.Limits verifyLimits;

    /**
     * @param service the core
     * @param maxRequestBytes the largest envelope (as for a single submission)
     * @param maxBatchBytes the largest batch body
     */
    BatchEndpoints(AttestationService service, int maxRequestBytes, int maxBatchBytes) {
        this.service = service;
        this.submitLimits = new BatchInput.Limits(maxRequestBytes, maxBatchBytes);
        this.verifyLimits = new BatchInput.Limits(
                (int) Math.min(Integer.MAX_VALUE - 1L, (long) maxRequestBytes + VerifyRequests.WRAPPER_ALLOWANCE),
                maxBatchBytes);
    }

    void submit(HttpExchange exchange, List<String> params) throws IOException {
        BatchInput input = BatchInput.read(exchange, "envelopes", submitLimits);
        List<byte[]> envelopes = new ArrayList<>();
        List<BatchInput.Item> sent = new ArrayList<>();
        for (BatchInput.Item item : input.items()) {
            if (item.rejection() == null) {
                envelopes.add(item.bytes());
                sent.add(item);
            }
        }
        List<BatchOutcome> outcomes = envelopes.isEmpty() ? List.of()
                : service.submitBatch(envelopes, exchange.provenance());
        Map<String, Object>[] results = rejections(input);
        for (BatchOutcome outcome : outcomes) {
            BatchInput.Item item = itemAt(sent, outcome.index());
            results[item.index()] = outcome.failure() != null ? failed(exchange, item, outcome.failure())
                    : BatchViews.submitted(item, outcome.submission());
        }
        answer(exchange, input, results, BatchViews::submitSummary);
    }

    void verify(HttpExchange exchange, List<String> params) throws IOException {
        BatchInput input = BatchInput.read(exchange, "items", verifyLimits);
        Map<String, Object>[] results = rejections(input);
        List<VerifyRequest> requests = new ArrayList<>();
        List<BatchInput.Item> sent = new ArrayList<>();
        for (BatchInput.Item item : input.items()) {
            if (item.rejection() != null) {
                continue;
            }
            try {
                requests.add(VerifyRequests.of(VerifyRequests.object(item.bytes())));
                sent.add(item);
            } catch (AttestorException e) {
                results[item.index()] = BatchViews.failed(item, e);
            }
        }
        List<VerifyOutcome> outcomes = requests.isEmpty() ? List.of()
                : service.verifyBatch(requests, exchange.provenance());
        for (VerifyOutcome outcome : outcomes) {
            BatchInput.Item item = itemAt(sent, outcome.index());
            results[item.index()] = outcome.failure() != null ? failed(exchange, item, outcome.failure())
                    : BatchViews.verified(item, outcome.report());
        }
        answer(exchange, input, results, BatchViews::verifySummary);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] rejections(BatchInput input) {
        Map<String, Object>[] results = new Map[input.items().size()];
        for (BatchInput.Item item : input.items()) {
            if (item.rejection() != null) {
                results[item.index()] = BatchViews.failed(item, item.rejection());
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
     * NDJSON in, NDJSON out; JSON in, JSON out unless the client asks for NDJSON. The core answers for the whole
     * batch at once, so the lines follow one another; each is flushed as it is written.
     */
    private static void answer(HttpExchange exchange, BatchInput input, Map<String, Object>[] results,
                               Function<List<Map<String, Object>>, Map<String, Object>> summary)
            throws IOException {
        List<Map<String, Object>> ordered = Arrays.asList(results);
        if (ordered.contains(null)) {
            throw new IllegalStateException("the core did not answer for every item of the batch");
        }
        if (input.ndjson() || exchange.accepts(NdjsonWriter.CONTENT_TYPE)) {
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
}
