package org.stellaops.attestor.keys.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiny JSON dialect of key files: one object whose members are all strings. Writing escapes as RFC 8259
 * requires; reading is strict (no duplicate members, no other value types, nothing after the object) so a damaged
 * file fails loudly instead of being half understood.
 */
final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * @param members name → value, in output order
     * @return the JSON text, one member per line
     */
    static String write(Map<String, String> members) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, String> e : members.entrySet()) {
            sb.append("  ");
            quote(sb, e.getKey());
            sb.append(": ");
            quote(sb, e.getValue());
            sb.append(++i < members.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * @param text the JSON text
     * @return its members in file order
     * @throws IllegalArgumentException if the text is not one flat object of strings
     */
    static Map<String, String> read(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, String> members = p.object();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("content after the JSON object");
        }
        return members;
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            String name = string();
            expect(':');
            String value = string();
            if (members.put(name, value) != null) {
                throw new IllegalArgumentException("duplicate member " + name);
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

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at offset " + (pos - 1));
            }
            sb.append(c == '\\' ? escape() : c);
        }
    }

    private char escape() {
        char c = next();
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw new IllegalArgumentException("truncated \\u escape");
                }
                int code = Integer.parseInt(text.substring(pos, pos + 4), 16);
                pos += 4;
                return (char) code;
            default:
                throw new IllegalArgumentException("invalid escape \\" + c);
        }
    }

    private void expect(char wanted) {
        skipWhitespace();
        char c = next();
        if (c != wanted) {
            throw new IllegalArgumentException("expected '" + wanted + "' at offset " + (pos - 1));
        }
    }

    private char next() {
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return text.charAt(pos++);
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

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
