package org.stellaops.attestor.predicate.support;

import java.util.Map;

import com.networknt.schema.Error;

/**
 * Words {@code format} errors as one sentence that names the standard and shows an example, instead of the
 * validator's "does not match the date-time pattern must be a valid RFC 3339 date-time".
 */
final class FormatNames {

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("date", "a valid RFC 3339 full-date, for example 2024-05-01"),
            Map.entry("date-time", "a valid RFC 3339 date-time, for example 2024-05-01T12:00:00Z"),
            Map.entry("time", "a valid RFC 3339 time, for example 12:00:00Z"),
            Map.entry("duration", "a valid ISO 8601 duration, for example P1DT12H"),
            Map.entry("email", "a valid RFC 5321 Mailbox, for example build@example.com"),
            Map.entry("idn-email", "a valid RFC 6531 Mailbox, for example build@example.com"),
            Map.entry("hostname", "a valid RFC 1123 host name, for example build.example.com"),
            Map.entry("idn-hostname", "a valid RFC 5890 internationalized host name, for example bücher.example"),
            Map.entry("ipv4", "a valid RFC 2673 IPv4 address, for example 192.0.2.1"),
            Map.entry("ipv6", "a valid RFC 4291 IPv6 address, for example 2001:db8::1"),
            Map.entry("uri", "a valid RFC 3986 URI (absolute), for example https://example.com/a"),
            Map.entry("uri-reference", "a valid RFC 3986 URI-reference, for example https://example.com/a or ../a"),
            Map.entry("iri", "a valid RFC 3987 IRI (absolute), for example https://example.com/ä"),
            Map.entry("iri-reference", "a valid RFC 3987 IRI-reference, for example https://example.com/ä or ../ä"),
            Map.entry("uri-template", "a valid RFC 6570 URI Template, for example https://example.com/{id}"),
            Map.entry("uuid", "a valid RFC 4122 UUID, for example 3e671687-395b-41f5-a30f-a58921a69b79"),
            Map.entry("regex", "a valid ECMA-262 regular expression"),
            Map.entry("json-pointer", "a valid RFC 6901 JSON Pointer, for example /predicate/components/0"),
            Map.entry("relative-json-pointer", "a valid relative JSON Pointer, for example 1/name"));

    private FormatNames() {
    }

    /** @return the message of a {@code format} error */
    static String message(Error error) {
        Object[] arguments = error.getArguments();
        String format = arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : "";
        String expected = EXPECTED.get(format);
        return expected != null ? "must be " + expected : "does not match the format '" + format + "'";
    }
}
