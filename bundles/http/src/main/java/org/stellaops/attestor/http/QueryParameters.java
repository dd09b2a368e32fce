package org.stellaops.attestor.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.intoto.DigestText;
import org.stellaops.attestor.store.EntryCursor;
import org.stellaops.attestor.store.FactTerms;
import org.stellaops.attestor.store.Tenants;

/**
 * The query parameters of a search, read strictly: an unknown or repeated parameter, an empty value or a value of
 * the wrong form is refused with {@code request.invalid} naming the parameter, so a typo never silently widens a
 * search.
 */
final class QueryParameters {

    /** The code of every refusal here. */
    static final String INVALID = "request.invalid";

    /** An RFC 3339 date-time with seconds and an offset (as query parameters and request bodies take it). */
    static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern LIMIT = Pattern.compile("\\d{1,9}");
    private static final Pattern SEQ = Pattern.compile("[1-9]\\d{0,18}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_TEXT = 2048;

    private final Map<String, String[]> raw;

    private QueryParameters(Map<String, String[]> raw) {
        this.raw = raw;
    }

    /**
     * @param raw every parameter with its values, as the servlet container decoded them
     * @param known the parameters this operation takes
     * @return the parameters
     * @throws AttestorException {@value #INVALID} for an unknown or repeated parameter
     */
    static QueryParameters of(Map<String, String[]> raw, Set<String> known) {
        return of(raw, known, null);
    }

    /**
     * @param raw every parameter with its values, as the servlet container decoded them
     * @param known the parameters this operation takes
     * @param family a name prefix of parameters this operation also takes (e.g. {@code fact.}), or null
     * @return the parameters
     * @throws AttestorException {@value #INVALID} for an unknown or repeated parameter
     */
    static QueryParameters of(Map<String, String[]> raw, Set<String> known, String family) {
        for (Map.Entry<String, String[]> e : raw.entrySet()) {
            if (!known.contains(e.getKey()) && (family == null || !e.getKey().startsWith(family))) {
                String takes = String.join(", ", new java.util.TreeSet<>(known))
                        + (family == null ? "" : " and " + family + "<name>");
                throw invalid(e.getKey(), "unknown query parameter; this operation takes "
                        + (takes.isEmpty() ? "none" : takes));
            }
            if (e.getValue().length > 1) {
                throw invalid(e.getKey(), "given more than once");
            }
        }
        return new QueryParameters(raw);
    }

    /** @return the value, or null if absent (an empty value is refused) */
    String text(String name) {
        String[] values = raw.get(name);
        if (values == null) {
            return null;
        }
        String value = values[0];
        if (value.isEmpty()) {
            throw invalid(name, "must not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(name, "longer than " + MAX_TEXT + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(name, "must not contain control characters");
        }
        return value;
    }

    /** @return an RFC 3339 date-time with seconds and offset as an instant, or null if absent */
    Instant time(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        if (!RFC3339.matcher(value).matches()) {
            String hint = value.contains(" ") ? " (a '+' in a query string means a space: send the offset as %2B)"
                    : "";
            throw invalid(name, "must be an RFC 3339 date-time such as 2026-03-01T12:00:00Z" + hint);
        }
        try {
            return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "is not a valid date-time: " + value);
        }
    }

    /** @return the page size: {@code defaultLimit} if absent, else 1 to {@code max} */
    int limit(String name, int defaultLimit, int max) {
        String value = text(name);
        if (value == null) {
            return defaultLimit;
        }
        if (!LIMIT.matcher(value).matches() || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw invalid(name, "must be a whole number from 1 to " + max);
        }
        return Integer.parseInt(value);
    }

    /** @return a positive sequence number, or 0 if absent */
    long seq(String name) {
        String value = text(name);
        if (value == null) {
            return 0;
        }
        if (!SEQ.matcher(value).matches()) {
            throw invalid(name, "must be a positive whole number (the \"next\" of the previous page)");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "is too large");
        }
    }

    /** @return {@code <algorithm>:<lowercase hex>}, or null if absent */
    String digest(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return DigestText.canonical(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** @return a key id (64 hex digits, lowercased), or null if absent */
    String keyId(String name) {
        String value = text(name);
        if (value != null && !KEY_ID.matcher(value).matches()) {
            throw invalid(name, "must be a key id: the 64 hex digits of SHA-256 of the key's SubjectPublicKeyInfo");
        }
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    /** @return whether the parameter was given at all (with any value) */
    boolean has(String name) {
        return raw.containsKey(name);
    }

    /**
     * @param everyAllowed whether {@code *} (every tenant) is accepted
     * @return a tenant name, {@code *} if allowed, or null if absent
     */
    String tenant(String name, boolean everyAllowed) {
        String value = text(name);
        if (value == null || Tenants.isName(value) || everyAllowed && value.equals(Tenancy.EVERY_TENANT)) {
            return value;
        }
        if (value.equals(Tenancy.EVERY_TENANT)) {
            throw invalid(name, "must name one tenant: this operation never reads across tenants");
        }
        throw invalid(name, "must be a tenant name (1 to 128 characters of A-Z a-z 0-9 . _ : @ -)"
                + (everyAllowed ? " or * for every tenant" : ""));
    }

    /** @return a search cursor as a previous page gave it, or null if absent */
    String cursor(String name) {
        String value = text(name);
        if (value != null) {
            try {
                EntryCursor.decode(value);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "is not a cursor this service gave out (pass nextCursor unchanged)");
            }
        }
        return value;
    }

    /**
     * The fact filters {@code <prefix><name>=<value>}, e.g. {@code fact.sbom.format=CycloneDX}, as name → value,
     * held to the limits of {@link FactTerms}.
     *
     * @param family the name prefix
     * @param max the most such parameters one request may have
     * @return name (without the prefix) → value, sorted by name; empty if there are none
     * @throws AttestorException {@value #INVALID} naming the parameter: no name after the prefix, a name or value
     *                           that is too long or has control characters, an empty value, more than {@code max}
     */
    java.util.SortedMap<String, String> facts(String family, int max) {
        java.util.SortedMap<String, String> found = new java.util.TreeMap<>();
        for (String parameter : new java.util.TreeSet<>(raw.keySet())) {
            if (!parameter.startsWith(family)) {
                continue;
            }
            String shown = shown(parameter);
            String name = parameter.substring(family.length());
            if (!FactTerms.isName(name)) {
                throw invalid(shown, name.isEmpty() ? "needs a name after " + family
                        : "the name after " + family + " must be 1 to " + FactTerms.MAX_NAME_LENGTH
                        + " characters without control characters");
            }
            if (found.size() == max) {
                throw invalid(shown, "a search takes at most " + max + " " + family + " parameters");
            }
            String value = raw.get(parameter)[0];
            if (value.isEmpty()) {
                throw invalid(shown, "must not be empty");
            }
            if (value.length() > FactTerms.MAX_VALUE_LENGTH) {
                throw invalid(shown, "longer than " + FactTerms.MAX_VALUE_LENGTH + " characters");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw invalid(shown, "must not contain control characters");
            }
            found.put(name, value);
        }
        return found;
    }

    /** A parameter name as a problem's detail shows it: at most 80 characters, control characters replaced. */
    private static String shown(String parameter) {
        String visible = parameter.chars().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return visible.length() <= 80 ? visible : visible.substring(0, 80) + "…";
    }

    /** Refuses a time window that can hold nothing. */
    static void requireOrder(Instant since, Instant until) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw invalid("until", "must be later than since");
        }
    }

    static AttestorException invalid(String name, String reason) {
        return new AttestorException(INVALID, "query parameter " + name + ": " + reason);
    }
}
