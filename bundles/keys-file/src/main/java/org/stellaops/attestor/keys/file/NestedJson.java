package org.stellaops.attestor.keys.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader for the small JSON documents inside foreign key files (the cosign encrypted-key envelope): objects,
 * strings and non-negative integers only, which is all those documents use. Duplicate members, other value types,
 * nesting deeper than {@value #MAX_DEPTH} and anything after the top-level object are refused, so a damaged document
 * fails loudly instead of being half understood.
 */
final class NestedJson {

    static final int MAX_DEPTH = 8;

    private final String text;
    private int pos;

    private NestedJson(String text) {
        this.text = text;
    }

    /**
     * @param text the JSON text
     * @return the top-level object; member values are {@code Map<String, Object>}, {@code String} or {@code Long}
     * @throws IllegalArgumentException with a reason if the text is not such a document
     */
    static Map<String, Object> read(String text) {
        NestedJson p = new NestedJson(text);
        p.skipWhitespace();
        if (p.peek() != '{') {
            throw new IllegalArgumentException("the document is not a JSON object");
        }
        Map<String, Object> object = p.object(1);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("content after the JSON object at offset " + p.pos);
        }
        return object;
    }

    private Object value(int depth) {
        skipWhitespace();
        char c = peek();
        if (c == '{') {
            return object(depth + 1);
        }
        if (c == '"') {
            return string();
        }
        if (c >= '0' && c <= '9') {
            return integer();
        }
        throw new IllegalArgumentException("unsupported JSON value at offset " + pos
                + " (only objects, strings and non-negative integers are expected)");
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            skipWhitespace();
            String name = string();
            expect(':');
            if (members.put(name, value(depth)) != null) {
                throw new IllegalArgumentException("duplicate member \"" + name + "\"");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected ',' or '}' at offset " + (pos - 1));
            }
        }
    }

    private Long integer() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (pos < text.length() && ".eE".indexOf(text.charAt(pos)) >= 0) {
            throw new IllegalArgumentException("a number at offset " + start + " is not an integer");
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("a number at offset " + start + " has a leading zero");
        }
        if (digits.length() > 18) {
            throw new IllegalArgumentException("a number at offset " + start + " is too large");
        }
        return Long.valueOf(digits);
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string at offset " + (pos - 1));
            }
            sb.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = next();
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape();
            default -> throw new IllegalArgumentException("invalid escape \\" + c);
        };
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length()) {
            throw new IllegalArgumentException("truncated \\u escape");
        }
        String hex = text.substring(pos, pos + 4);
        if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            throw new IllegalArgumentException("invalid \\u escape");
        }
        pos += 4;
        return (char) Integer.parseInt(hex, 16);
    }

    private void expect(char wanted) {
        skipWhitespace();
        char c = next();
        if (c != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "' at offset " + (pos - 1));
        }
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return text.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }
}
