package org.stellaops.attestor.sdk.json;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * Builds a Jackson tree from parser tokens with an explicit stack (no recursion, so hostile nesting cannot overflow
 * the thread stack), enforcing the depth limit, member uniqueness and well-formed Unicode strings.
 */
final class TreeBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final int maxDepth;
    private final Deque<ContainerNode<?>> stack = new ArrayDeque<>();
    private String pendingName;

    TreeBuilder(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Reads exactly one JSON value from the parser. */
    JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw StrictJson.malformed("no JSON value", null);
        }
        JsonNode root = null;
        while (token != null) {
            JsonNode completed = accept(parser, token);
            if (root == null) {
                root = completed != null ? completed : stack.peekLast();
            }
            if (stack.isEmpty()) {
                return root;
            }
            token = parser.nextToken();
        }
        throw StrictJson.malformed("unexpected end of JSON input", null);
    }

    /** @return the scalar read by this token when it completes the document root, else null */
    private JsonNode accept(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
            case START_ARRAY:
                open(token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode());
                return null;
            case END_OBJECT:
            case END_ARRAY:
                stack.pop();
                return null;
            case FIELD_NAME:
                pendingName = checkText(parser.currentName());
                if (((ObjectNode) stack.peek()).has(pendingName)) {
                    throw new AttestorException(ErrorCodes.JSON_DUPLICATE_MEMBER,
                            "duplicate member \"" + pendingName + "\"");
                }
                return null;
            default:
                JsonNode value = scalar(parser, token);
                if (stack.isEmpty()) {
                    return value;
                }
                attach(value);
                return null;
        }
    }

    private void open(ContainerNode<?> container) {
        if (stack.size() >= maxDepth) {
            throw new AttestorException(ErrorCodes.JSON_TOO_DEEP, "JSON nesting exceeds the limit of " + maxDepth);
        }
        if (!stack.isEmpty()) {
            attach(container);
        }
        stack.push(container);
    }

    private void attach(JsonNode value) {
        ContainerNode<?> parent = stack.peek();
        if (parent instanceof ObjectNode) {
            ((ObjectNode) parent).set(pendingName, value);
        } else {
            ((ArrayNode) parent).add(value);
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return NODES.textNode(checkText(parser.getText()));
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw StrictJson.malformed("unexpected token " + token, null);
        }
    }

    /** Lone surrogates come only from \\u escapes; they have no UTF-8 form, so no canonical form either. */
    private static String checkText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw StrictJson.malformed("lone surrogate \\u" + Integer.toHexString(c) + " in string", null);
            }
        }
        return s;
    }
}
