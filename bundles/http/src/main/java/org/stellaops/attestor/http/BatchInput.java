package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * The items of a batch request, each exactly as received, in either form: a JSON object with one array member
 * ({@code {"envelopes":[…]}}, media type {@code application/json} or none) or NDJSON (one item per line, media type
 * {@code application/x-ndjson}).
 *
 * @param ndjson whether the request was NDJSON
 * @param items the items in request order
 */
record BatchInput(boolean ndjson, List<Item> items) {

    /**
     * One item: its bytes, or why it was refused before anyone parsed it (it is larger than the per-item limit).
     *
     * @param index its position among the items, from 0
     * @param line its line number in an NDJSON body (from 1), or 0 in the JSON form
     * @param bytes its bytes exactly as received, or null if refused
     * @param rejection why it was refused, or null
     */
    record Item(int index, int line, byte[] bytes, AttestorException rejection) {
    }

    /** The limits a batch body is read with. */
    record Limits(int maxItemBytes, int maxBatchBytes) {
    }

    /**
     * @param exchange the request
     * @param member the array member of the JSON form
     * @param limits per item and for the whole body
     * @return the items
     * @throws AttestorException {@code request.unsupported_media_type}, {@code request.too_large} (the whole
     *         body), {@code json.malformed} / {@code request.malformed} (the JSON wrapper), or
     *         {@code request.malformed} when there is no item at all
     */
    static BatchInput read(HttpExchange exchange, String member, Limits limits) throws IOException {
        String type = exchange.mediaType();
        BatchInput input;
        if (NdjsonWriter.CONTENT_TYPE.equals(type)) {
            try (InputStream in = exchange.bodyStream(limits.maxBatchBytes())) {
                input = new BatchInput(true, lines(NdjsonLines.read(in, limits.maxBatchBytes(),
                        limits.maxItemBytes()), limits));
            }
        } else if (type == null || HttpExchange.isJson(type)) {
            byte[] body = exchange.body(limits.maxBatchBytes());
            input = new BatchInput(false, slices(body, JsonItems.of(body, member), limits));
        } else {
            throw new AttestorException("request.unsupported_media_type", "send application/json or "
                    + NdjsonWriter.CONTENT_TYPE + ", not " + type);
        }
        if (input.items().isEmpty()) {
            throw new AttestorException("request.malformed", "the batch holds no items");
        }
        return input;
    }

    static List<Item> lines(List<NdjsonLines.Line> lines, Limits limits) {
        List<Item> items = new ArrayList<>(lines.size());
        for (NdjsonLines.Line line : lines) {
            int index = items.size();
            items.add(line.tooLarge()
                    ? new Item(index, line.number(), null, tooLarge(line.length(), limits))
                    : new Item(index, line.number(), line.bytes(), null));
        }
        return items;
    }

    static List<Item> slices(byte[] body, List<JsonItems.Slice> slices, Limits limits) {
        List<Item> items = new ArrayList<>(slices.size());
        for (JsonItems.Slice slice : slices) {
            int index = items.size();
            items.add(slice.length() > limits.maxItemBytes()
                    ? new Item(index, 0, null, tooLarge(slice.length(), limits))
                    : new Item(index, 0, slice.copyFrom(body), null));
        }
        return items;
    }

    private static AttestorException tooLarge(long length, Limits limits) {
        return new AttestorException("request.too_large", "the item is " + length + " bytes, over the limit of "
                + limits.maxItemBytes() + " bytes per item");
    }
}
