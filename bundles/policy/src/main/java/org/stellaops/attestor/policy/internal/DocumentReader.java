package org.stellaops.attestor.policy.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.stellaops.attestor.policy.PolicyFormat;
import org.stellaops.attestor.policy.PolicyProblem;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Turns document bytes into a JSON tree, strictly: JSON through the sdk's strict parser (duplicate members, depth,
 * size), YAML through SnakeYAML restricted to what JSON can say (one document, no duplicate keys, no aliases, finite
 * numbers, the same depth and size limits).
 */
final class DocumentReader {

    /** Nesting deeper than this is refused: policies are shallow. */
    static final int MAX_DEPTH = 32;

    /**
     * The outcome of reading.
     *
     * @param root the tree, or null
     * @param problem why there is none, or null
     */
    record Read(JsonNode root, PolicyProblem problem) {
    }

    private DocumentReader() {
    }

    /**
     * @param bytes the document
     * @param format its format
     * @param maxBytes the size limit
     * @return the tree or the problem
     */
    static Read read(byte[] bytes, PolicyFormat format, int maxBytes) {
        if (bytes.length > maxBytes) {
            return problem("request.too_large", "the document has " + bytes.length + " bytes; at most " + maxBytes
                    + " are accepted");
        }
        return format == PolicyFormat.JSON ? json(bytes, maxBytes) : yaml(bytes, maxBytes);
    }

    private static Read json(byte[] bytes, int maxBytes) {
        try {
            return new Read(StrictJson.parse(bytes, new JsonLimits(maxBytes, MAX_DEPTH)), null);
        } catch (AttestorException e) {
            return problem(e.code(), e.getMessage());
        }
    }

    private static Read yaml(byte[] bytes, int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(1);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(maxBytes);
        options.setAllowRecursiveKeys(false);
        ObjectMapper mapper = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        try {
            String refused = refusedConstruct(mapper, bytes);
            if (refused != null) {
                return problem("json.malformed", refused);
            }
            try (JsonParser parser = mapper.createParser(bytes)) {
                parser.nextToken();
                JsonNode root = mapper.readTree(parser);
                if (parser.nextToken() != null) {
                    return problem("json.malformed", "the YAML stream holds more than one document");
                }
                return new Read(root, null);
            }
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            String code = message != null && message.toLowerCase(java.util.Locale.ROOT).contains("duplicate")
                    ? "json.duplicate_member" : "json.malformed";
            return problem(code, "not valid YAML: " + message);
        } catch (IOException e) {
            return problem("json.malformed", "not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Jackson turns a YAML alias into a string holding the anchor's name: silently wrong data, so aliases (and the
     * anchors on collections that Jackson reports) are refused before the tree is built, as is nesting deeper than
     * {@link #MAX_DEPTH}. An anchor on a scalar that no alias uses changes nothing and is not reported by Jackson.
     *
     * @return why the document is refused, or null
     */
    private static String refusedConstruct(ObjectMapper mapper, byte[] bytes) throws IOException {
        try (YAMLParser parser = (YAMLParser) mapper.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return "the YAML document is empty";
            }
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // SnakeYAML's own nesting limit guards its composer, which Jackson does not use
                    if (++depth > MAX_DEPTH) {
                        return "the YAML document nests deeper than " + MAX_DEPTH + " levels";
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
                if (parser.isCurrentAlias()) {
                    return "YAML aliases are not accepted (alias *" + parser.getText() + " at line "
                            + parser.currentLocation().getLineNr() + ")";
                }
                if (parser.getObjectId() != null) {
                    return "YAML anchors are not accepted (anchor &" + parser.getObjectId() + " at line "
                            + parser.currentLocation().getLineNr() + ")";
                }
            } while (parser.nextToken() != null);
            return null;
        }
    }

    private static Read problem(String code, String message) {
        return new Read(null, new PolicyProblem("", code, message));
    }
}
