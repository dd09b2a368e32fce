package org.stellaops.attestor.sdk.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * Parses untrusted JSON strictly: size and depth limits, strict UTF-8, no duplicate member at any depth, no lone
 * surrogate escapes, exactly one value. Numbers keep their exact value (integers as int/long/BigInteger nodes,
 * fractions as exact BigDecimal nodes).
 */
public final class StrictJson {

    // Depth and size are enforced by this class with the caller's limits, duplicates by the tree builder (so that
    // they get their own error code).
    private static final StreamReadConstraints UNBOUNDED = StreamReadConstraints.builder()
            .maxNestingDepth(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxDocumentLength(-1)
            .build();
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(UNBOUNDED).build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StrictJson() {
    }

    /**
     * The shared, configured mapper: strict duplicate detection, exact decimals, trailing tokens rejected, unknown
     * properties ignored. It is thread-safe; do not reconfigure it.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one JSON value.
     *
     * @param utf8 the UTF-8 bytes
     * @param limits size and depth limits
     * @return the tree
     * @throws AttestorException {@code request.too_large}, {@code json.malformed}, {@code json.duplicate_member} or
     *         {@code json.too_deep}
     */
    public static JsonNode parse(byte[] utf8, JsonLimits limits) {
        if (utf8.length > limits.maxBytes()) {
            throw new AttestorException(ErrorCodes.REQUEST_TOO_LARGE,
                    "JSON of " + utf8.length + " bytes exceeds the limit of " + limits.maxBytes());
        }
        int bad = Utf8.firstInvalid(utf8);
        if (bad >= 0) {
            throw malformed("invalid UTF-8 at byte " + bad, null);
        }
        if (utf8.length >= 3 && (utf8[0] & 0xff) == 0xEF && (utf8[1] & 0xff) == 0xBB && (utf8[2] & 0xff) == 0xBF) {
            throw malformed("byte order mark before JSON text", null);
        }
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            JsonNode root = new TreeBuilder(limits.maxDepth()).read(parser);
            if (parser.nextToken() != null) {
                throw malformed("trailing content after the JSON value", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed("number out of range", e);
        } catch (IOException e) {
            throw malformed("unreadable JSON", e);
        }
    }

    static AttestorException malformed(String message, Throwable cause) {
        return new AttestorException(ErrorCodes.JSON_MALFORMED, "malformed JSON: " + message, cause);
    }
}
