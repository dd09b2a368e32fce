package org.stellaops.attestor.sdk.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, numbers as ECMAScript
 * prints IEEE 754 doubles, strings with the minimal escapes, UTF-8 output.
 */
public final class Jcs {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {
    }

    /**
     * Canonicalizes a JSON tree.
     *
     * @param node a tree of object, array, string, number, boolean and null nodes
     * @return the canonical UTF-8 bytes
     * @throws AttestorException {@code json.malformed} for a non-finite number, a lone surrogate or a non-JSON node
     */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses JSON strictly and canonicalizes it.
     *
     * @param json UTF-8 JSON
     * @param limits parsing limits
     * @return the canonical UTF-8 bytes
     * @throws AttestorException with the codes of {@link StrictJson#parse(byte[], JsonLimits)} and
     *         {@link #canonicalize(JsonNode)}
     */
    public static byte[] canonicalize(byte[] json, JsonLimits limits) {
        return canonicalize(StrictJson.parse(json, limits));
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT:
                writeObject(node, out);
                break;
            case ARRAY:
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
                break;
            case STRING:
                writeString(node.textValue(), out);
                break;
            case NUMBER:
                out.append(EcmaNumbers.format(toDouble(node)));
                break;
            case BOOLEAN:
                out.append(node.booleanValue() ? "true" : "false");
                break;
            case NULL:
                out.append("null");
                break;
            default:
                throw new AttestorException(ErrorCodes.JSON_MALFORMED, "not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<String> names = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, which is exactly RFC 8785's member order.
        Collections.sort(names);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(node.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static double toDouble(JsonNode node) {
        if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            return Double.parseDouble(value.toString());
        }
        if (node.isBigInteger()) {
            BigInteger value = node.bigIntegerValue();
            return Double.parseDouble(value.toString());
        }
        return node.doubleValue();
    }

    static void writeString(String s, StringBuilder out) {
        out.append('"');
        if (plain(s)) {
            // most strings (ids, digests, times, URIs) need no escaping: one append instead of one per character
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    i = writeOther(s, i, c, out);
            }
        }
        out.append('"');
    }

    /** @return true if every character is written as itself: no quote, backslash, control or surrogate */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static int writeOther(String s, int i, char c, StringBuilder out) {
        if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            throw new AttestorException(ErrorCodes.JSON_MALFORMED, "lone surrogate in string");
        }
        out.append(c);
        return i;
    }
}
