package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import org.stellaops.attestor.sdk.AttestorException;

/**
 * Finds where each element of the one array member of a JSON batch body ({@code {"envelopes":[…]}}) starts and
 * ends, byte for byte. Nothing is re-serialised: an envelope's archived bytes and digest must be those the client
 * sent, so each element is handed on as the exact slice of the body it occupies.
 *
 * <p>Only the wrapper is judged here (syntax, shape); the elements are judged one by one by whoever consumes
 * them, so a duplicate member or a wrong type inside one element fails that element alone.
 */
final class JsonItems {

    /**
     * The deepest nesting the wrapper parser follows. Skipping still keeps one context per open level, so without a
     * bound a body of brackets would cost memory many times its size; items deeper than the core accepts (64 by
     * default) fail on their own long before this.
     */
    static final int MAX_DEPTH = 1000;

    // Elements are skipped, never materialised, so their size is the consumer's business (it has the per-item
    // limit); the wrapper itself is bounded by the body limit. Field-name canonicalisation must stay on: without it
    // Jackson reads bytes through a Reader, whose locations carry no byte offsets.
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxDocumentLength(-1)
            .build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(LIMITS).build();

    private JsonItems() {
    }

    /**
     * One element's place in the body.
     *
     * @param start offset of its first byte
     * @param end offset just after its last byte
     */
    record Slice(int start, int end) {

        int length() {
            return end - start;
        }

        byte[] copyFrom(byte[] body) {
            return java.util.Arrays.copyOfRange(body, start, end);
        }
    }

    /**
     * @param body a UTF-8 JSON document {@code {"<member>":[…]}} (surrounding whitespace allowed, nothing else)
     * @param member the name of the only member
     * @return the slice of every element of the array, in order
     * @throws AttestorException {@code json.malformed} for a syntax error anywhere in the body, a byte order mark
     *         or a non-UTF-8 encoding; {@code json.too_deep} beyond {@link #MAX_DEPTH} levels;
     *         {@code request.malformed} for another shape
     */
    static List<Slice> of(byte[] body, String member) {
        requireUtf8WithoutBom(body);
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw shape("the request body must be a JSON object {\"" + member + "\":[…]}");
            }
            List<Slice> slices = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!member.equals(name)) {
                    throw shape("unknown member \"" + name + "\": the request body is {\"" + member + "\":[…]}");
                }
                if (slices != null) {
                    throw shape("member \"" + member + "\" is given twice");
                }
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw shape("\"" + member + "\" must be an array");
                }
                slices = elements(parser, body);
            }
            if (parser.nextToken() != null) {
                throw new AttestorException("json.malformed", "trailing content after the JSON value");
            }
            if (slices == null) {
                throw shape("member \"" + member + "\" is missing");
            }
            return slices;
        } catch (StreamConstraintsException e) {
            throw new AttestorException("json.too_deep", "the request body nests deeper than " + MAX_DEPTH
                    + " levels", e);
        } catch (JsonProcessingException e) {
            throw new AttestorException("json.malformed", "the request body is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AttestorException("json.malformed", "the request body cannot be read as JSON", e);
        }
    }

    /** Reads the array's elements; the parser is on its START_ARRAY and is left on its END_ARRAY. */
    private static List<Slice> elements(JsonParser parser, byte[] body) throws IOException {
        List<Slice> slices = new ArrayList<>();
        JsonToken token = parser.nextToken();
        while (token != JsonToken.END_ARRAY) {
            int start = offset(parser);
            parser.skipChildren();
            token = parser.nextToken();
            // The element ends where the next token (the next element or the closing bracket) begins, less the
            // separator and whitespace between them: one rule for objects, arrays, strings and literals alike.
            slices.add(new Slice(start, endBefore(body, offset(parser))));
        }
        return slices;
    }

    private static int offset(JsonParser parser) {
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset < 0) {
            throw new IllegalStateException("the JSON parser reports no byte offsets: " + parser.getClass());
        }
        return Math.toIntExact(offset);
    }

    /** @return the offset just after the last non-whitespace byte before {@code next}, skipping one comma */
    static int endBefore(byte[] body, int next) {
        int i = skipWhitespaceBackwards(body, next - 1);
        if (body[i] == ',') {
            i = skipWhitespaceBackwards(body, i - 1);
        }
        return i + 1;
    }

    private static int skipWhitespaceBackwards(byte[] body, int from) {
        int i = from;
        while (isWhitespace(body[i])) {
            i--;
        }
        return i;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /**
     * Jackson guesses UTF-16 and UTF-32 from zero bytes and honours a byte order mark; either would make its byte
     * offsets differ from ours. JSON text from the network is UTF-8 (RFC 8259), and valid UTF-8 JSON has no zero
     * byte among its first four, so both cases are plain syntax errors.
     */
    private static void requireUtf8WithoutBom(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            throw new AttestorException("json.malformed", "byte order mark before the JSON text");
        }
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                throw new AttestorException("json.malformed", "the request body is not UTF-8 JSON (zero byte at "
                        + i + ")");
            }
        }
    }

    private static AttestorException shape(String detail) {
        return new AttestorException("request.malformed", detail);
    }
}
