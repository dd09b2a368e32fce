package com.example.attestor.testresults;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Typed reads from a statement's predicate tree ({@code Map}, {@code List}, {@code String}, {@code Boolean},
 * {@code BigDecimal}/{@code BigInteger} and {@code null}, as {@code Statement#predicate()} hands it over; plain
 * {@code Integer}/{@code Long}/{@code Double} are taken too). A read that finds a missing required member or a value
 * of the wrong kind records an error located by JSON Pointer and returns null, so that one pass over the document
 * collects every error and no input makes the handler throw.
 *
 * <p>Not thread-safe: one reader per validation.
 */
final class TreeReader {

    /** Whether a member must be present. */
    enum Need { REQUIRED, OPTIONAL }

    /** RFC 3339 date-time with a four-digit year (the ISO parser alone would also take years like +999999999). */
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern NOT_BLANK = Pattern.compile("\\S");

    private final List<ValidationError> errors = new ArrayList<>();

    /** Records an error the caller found itself (a semantic rule). */
    void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }

    /** @return every error recorded so far, in the order found */
    List<ValidationError> errors() {
        return List.copyOf(errors);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * @param parent the object holding the member (null: its own error was reported already, nothing is read)
     * @param at the parent's pointer
     * @param name the member name
     * @param need whether it must be present
     * @param what what is expected, for messages (for example "the suite, an object")
     * @return the member's object, or null when it is absent or not an object
     */
    Map<?, ?> object(Map<?, ?> parent, String at, String name, Need need, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<?, ?>) value;
        }
        return wrongKind(at, name, what, value);
    }

    /** @return the member's array, or null when it is absent or not an array */
    List<?> array(Map<?, ?> parent, String at, String name, Need need, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null || value instanceof List<?>) {
            return (List<?>) value;
        }
        return wrongKind(at, name, what, value);
    }

    /** @return the member's text when it is a string with a non-blank character and at most {@code maxLength} chars */
    String text(Map<?, ?> parent, String at, String name, Need need, int maxLength, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return wrongKind(at, name, what, value);
        }
        return checkedText(text, Pointers.append(at, name), maxLength, what);
    }

    /** @return the member's text when it is a string (blank included) of at most {@code maxLength} chars */
    String anyText(Map<?, ?> parent, String at, String name, Need need, int maxLength, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return wrongKind(at, name, what, value);
        }
        if (text.length() > maxLength) {
            error(Pointers.append(at, name), "has " + text.length() + " characters; at most " + maxLength
                    + " are accepted");
            return null;
        }
        return text;
    }

    /** Checks a string found elsewhere (an array element, an open-ended object's member). */
    String checkedText(String text, String pointer, int maxLength, String what) {
        if (!NOT_BLANK.matcher(text).find()) {
            error(pointer, "is empty or blank; expected " + what);
            return null;
        }
        if (text.length() > maxLength) {
            error(pointer, "has " + text.length() + " characters; at most " + maxLength + " are accepted");
            return null;
        }
        return text;
    }

    /** @return the member as a boolean, or null when it is absent or not a boolean */
    Boolean bool(Map<?, ?> parent, String at, String name, Need need, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrongKind(at, name, what, value);
    }

    /**
     * @return the member as a whole number from 0 to {@code max}, or null when it is absent, not a whole number or
     *         out of range
     */
    Long count(Map<?, ?> parent, String at, String name, Need need, long max, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null) {
            return null;
        }
        String pointer = Pointers.append(at, name);
        if (!(value instanceof Number number)) {
            return wrongKind(at, name, what, value);
        }
        Long whole = wholeNumber(number);
        if (whole == null) {
            error(pointer, "is " + number + "; expected " + what);
            return null;
        }
        if (whole < 0 || whole > max) {
            error(pointer, "is " + whole + "; expected " + what + " (0 to " + max + ")");
            return null;
        }
        return whole;
    }

    /** @return the member as an instant when it is an RFC 3339 date-time, for example 2026-03-01T10:15:00Z */
    Instant timestamp(Map<?, ?> parent, String at, String name, Need need, String what) {
        Object value = member(parent, at, name, need, what);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return wrongKind(at, name, what, value);
        }
        String pointer = Pointers.append(at, name);
        if (!DATE_TIME.matcher(text).matches()) {
            error(pointer, "is '" + abbreviate(text) + "'; expected " + what);
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            error(pointer, "is '" + text + "', which is not a calendar date and time (" + e.getMessage()
                    + "); expected " + what);
            return null;
        }
    }

    /** @return the member as an absolute URI, or null when it is absent or not one */
    String absoluteUri(Map<?, ?> parent, String at, String name, Need need, int maxLength, String what) {
        String text = text(parent, at, name, need, maxLength, what);
        if (text == null) {
            return null;
        }
        String pointer = Pointers.append(at, name);
        try {
            if (new URI(text).isAbsolute()) {
                return text;
            }
            error(pointer, "is '" + abbreviate(text) + "', a relative reference; expected " + what);
        } catch (URISyntaxException e) {
            error(pointer, "is not a URI (" + e.getReason() + " at index " + e.getIndex() + "); expected " + what);
        }
        return null;
    }

    /** @return a short description of a JSON value's kind, for "found …" messages */
    static String kindOf(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean) {
            return "a boolean";
        } else if (value instanceof Number) {
            return "a number";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        } else if (value instanceof List<?>) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private Object member(Map<?, ?> parent, String at, String name, Need need, String what) {
        if (parent == null) {
            return null;
        }
        if (!parent.containsKey(name)) {
            if (need == Need.REQUIRED) {
                error(Pointers.append(at, name), "is missing; expected " + what);
            }
            return null;
        }
        Object value = parent.get(name);
        if (value == null) {
            // a JSON null is present but is never an acceptable value here
            error(Pointers.append(at, name), "is null; expected " + what);
        }
        return value;
    }

    private <T> T wrongKind(String at, String name, String what, Object value) {
        error(Pointers.append(at, name), "is " + kindOf(value) + "; expected " + what);
        return null;
    }

    /**
     * @return the value as a long if it is a whole number that fits, else null. Exponents are looked at before any
     *         arithmetic, so a number like 1e1000000000 costs nothing.
     */
    static Long wholeNumber(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return number.longValue();
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : null;
        }
        if (number instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > 19) {
                return null;
            }
            try {
                return stripped.longValueExact();
            } catch (ArithmeticException tooLarge) {
                return null;
            }
        }
        double d = number.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (long) d : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
