package org.stellaops.attestor.api.predicate;

import java.util.Objects;

/**
 * One validation finding, located by a JSON Pointer (RFC 6901) into the statement.
 *
 * @param pointer the JSON Pointer of the offending member, for example {@code /predicate/buildDefinition/buildType}
 * @param message what is wrong, in words a producer can act on
 */
public record ValidationError(String pointer, String message) {
    /**
     * Validates the parts.
     *
     * @param pointer not null ({@code ""} is the whole document)
     * @param message not null
     */
    public ValidationError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }
}
