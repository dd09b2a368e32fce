package org.stellaops.attestor.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.model.KeyAlgorithm;

/**
 * Checks of the key commands' option values, before anything is sent: a wrong value is a usage error (exit 2) that
 * says what is expected, and names and key ids go into URL paths only once they are known to need no escaping.
 */
final class KeyArgs {

    /** The revocation reasons, as the service names them. */
    static final List<String> REASONS = List.of("unspecified", "key_compromise", "superseded",
            "cessation_of_operation");
    /** The one value of {@code --owner}: the operator's own keys. */
    static final String SERVICE_OWNER = "service";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{64}");

    private KeyArgs() {
    }

    /** @return the key name, which the service limits to 1 to 64 characters of {@code A-Z a-z 0-9 . _ -} */
    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CliException.usage("usage.bad_key_name", "--name must be 1 to 64 characters of A-Z a-z 0-9 . _ -: "
                    + name, null);
        }
        return name;
    }

    /** @return a key version id: 64 hex digits, lowercase */
    static String keyId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw CliException.usage("usage.bad_key_id", "--key-id must be 64 hex digits (the SHA-256 of the public "
                    + "key's SubjectPublicKeyInfo): " + keyId, null);
        }
        return keyId.toLowerCase(Locale.ROOT);
    }

    /** @return an RFC 3339 date-time as the service takes it (UTC, {@code Z}), or null */
    static String time(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw CliException.usage("usage.bad_time", option + " must be an RFC 3339 date-time such as "
                    + "2026-03-01T12:00:00Z: " + value, e);
        }
    }

    /** @return an algorithm's constant name, or null */
    static String algorithm(String value) {
        if (value == null) {
            return null;
        }
        if (Arrays.stream(KeyAlgorithm.values()).noneMatch(a -> a.name().equals(value))) {
            throw CliException.usage("usage.bad_algorithm", "--algorithm must be one of "
                    + Arrays.toString(KeyAlgorithm.values()) + ": " + value, null);
        }
        return value;
    }

    /** @return a revocation reason */
    static String reason(String value) {
        if (!REASONS.contains(value)) {
            throw CliException.usage("usage.bad_reason", "--reason must be one of " + String.join(", ", REASONS)
                    + ": " + value, null);
        }
        return value;
    }

    /** @return the query of {@code --owner}: empty without it, {@code ?owner=service} with it */
    static String ownerQuery(String owner) {
        if (owner == null) {
            return "";
        }
        if (!SERVICE_OWNER.equals(owner)) {
            throw CliException.usage("usage.bad_owner", "--owner takes only 'service' (the operator's own keys, "
                    + "such as the service key): " + owner, null);
        }
        return "?owner=" + SERVICE_OWNER;
    }
}
