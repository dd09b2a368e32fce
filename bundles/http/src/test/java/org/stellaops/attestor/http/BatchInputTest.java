package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BatchInputTest {

    private static final BatchInput.Limits LIMITS = new BatchInput.Limits(10, 1000);

    @Test
    void refusesAJsonElementOverTheItemLimitAloneAndKeepsTheOthersExact() {
        byte[] body = "{\"envelopes\":[{\"a\":1},{\"b\":\"0123456789\"},{\"c\":3}]}".getBytes(StandardCharsets.UTF_8);
        List<BatchInput.Item> items = BatchInput.slices(body, JsonItems.of(body, "envelopes"), LIMITS);
        assertEquals(3, items.size());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), items.get(0).bytes());
        assertNull(items.get(1).bytes());
        assertEquals("request.too_large", items.get(1).rejection().code());
        assertEquals(2, items.get(2).index());
        assertEquals(0, items.get(2).line());
    }

    @Test
    void numbersNdjsonItemsByPositionAndKeepsTheirLineNumbers() throws IOException {
        byte[] body = "\n{\"a\":1}\n{\"b\":\"0123456789\"}\n\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        List<BatchInput.Item> items = BatchInput.lines(NdjsonLines.read(new ByteArrayInputStream(body),
                LIMITS.maxBatchBytes(), LIMITS.maxItemBytes()), LIMITS);
        assertEquals(List.of(0, 1, 2), items.stream().map(BatchInput.Item::index).toList());
        assertEquals(List.of(2, 3, 5), items.stream().map(BatchInput.Item::line).toList());
        assertEquals("request.too_large", items.get(1).rejection().code());
        assertEquals(413, Problems.status(items.get(1).rejection().code()));
    }
}
