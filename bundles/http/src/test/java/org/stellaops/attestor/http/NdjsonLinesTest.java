package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;

class NdjsonLinesTest {

    private static final int BODY_LIMIT = 1 << 20;

    private static List<NdjsonLines.Line> read(String body, int lineLimit) throws IOException {
        return NdjsonLines.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), BODY_LIMIT,
                lineLimit);
    }

    private static List<String> texts(List<NdjsonLines.Line> lines) {
        return lines.stream().map(l -> l.tooLarge() ? null : new String(l.bytes(), StandardCharsets.UTF_8)).toList();
    }

    private static List<Integer> numbers(List<NdjsonLines.Line> lines) {
        return lines.stream().map(NdjsonLines.Line::number).toList();
    }

    @Test
    void splitsAtLineFeeds() throws IOException {
        List<NdjsonLines.Line> lines = read("{\"a\":1}\n{\"b\":2}\n", 100);
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), texts(lines));
        assertEquals(List.of(1, 2), numbers(lines));
    }

    @Test
    void treatsCarriageReturnBeforeLineFeedAsPartOfTheTerminator() throws IOException {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), texts(read("{\"a\":1}\r\n{\"b\":2}\r\n", 100)));
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() throws IOException {
        List<NdjsonLines.Line> lines = read("\n{\"a\":1}\n\r\n   \t\n{\"b\":2}\n\n", 100);
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), texts(lines));
        assertEquals(List.of(2, 5), numbers(lines));
    }

    @Test
    void keepsALastLineThatHasNoTerminator() throws IOException {
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), texts(read("{\"a\":1}\n{\"b\":2}", 100)));
    }

    @Test
    void keepsEveryByteOfALineIncludingSurroundingSpacesAndMultiByteText() throws IOException {
        String line = "  {\"name\":\"caf\u00e9 \uD834\uDD1E\"}\t";
        List<NdjsonLines.Line> lines = read(line + "\r\n", 100);
        assertArrayEquals(line.getBytes(StandardCharsets.UTF_8), lines.get(0).bytes());
    }

    @Test
    void reportsAnOversizedLineWithoutKeepingItAndKeepsItsNeighbours() throws IOException {
        List<NdjsonLines.Line> lines = read("{\"a\":1}\n{\"big\":\"" + "x".repeat(200) + "\"}\n{\"b\":2}\n", 50);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).tooLarge());
        assertNull(lines.get(1).bytes());
        assertEquals(210, lines.get(1).length());
        assertEquals(2, lines.get(1).number());
        assertEquals("{\"b\":2}", texts(lines).get(2));
    }

    @Test
    void acceptsALineOfExactlyTheLimitEvenWithCrLf() throws IOException {
        String line = "{\"a\":\"" + "x".repeat(10) + "\"}";
        List<NdjsonLines.Line> lines = read(line + "\r\n" + line + "\n", line.length());
        assertEquals(List.of(line, line), texts(lines));
    }

    @Test
    void refusesALineOneByteOverTheLimit() throws IOException {
        String line = "{\"a\":\"" + "x".repeat(10) + "\"}";
        List<NdjsonLines.Line> lines = read(line + "\r\n", line.length() - 1);
        assertTrue(lines.get(0).tooLarge());
    }

    @Test
    void refusesTheWholeBodyWhenItExceedsTheBatchLimit() {
        byte[] body = ("{\"a\":1}\n".repeat(20)).getBytes(StandardCharsets.UTF_8);
        AttestorException e = assertThrows(AttestorException.class,
                () -> NdjsonLines.read(new ByteArrayInputStream(body), body.length - 1, 100));
        assertEquals("request.too_large", e.code());
    }

    @Test
    void joinsLinesThatArriveInManySmallReads() throws IOException {
        String big = "{\"p\":\"" + "y".repeat(150_000) + "\"}";
        String body = "{\"a\":1}\r\n" + big + "\r\n\n{\"b\":2}";
        InputStream trickle = new FilterInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        List<NdjsonLines.Line> lines = NdjsonLines.read(trickle, BODY_LIMIT, 200_000);
        assertEquals(List.of("{\"a\":1}", big, "{\"b\":2}"), texts(lines));
        assertEquals(List.of(1, 2, 4), numbers(lines));
    }

    @Test
    void findsNoLinesInAnEmptyOrBlankBody() throws IOException {
        assertEquals(List.of(), read("", 10));
        assertEquals(List.of(), read("\r\n \n", 10));
    }
}
