package org.stellaops.attestor.predicate.scan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;

/** Time-order rules between two RFC 3339 members. */
final class Timestamps {

    private Timestamps() {
    }

    /**
     * @param node a member that should hold an RFC 3339 date-time
     * @return its instant, or empty when it is missing or malformed (the schema reports those)
     */
    static Optional<Instant> instant(JsonNode node) {
        return Json.dateTime(node).map(OffsetDateTime::toInstant);
    }

    /**
     * @param earlier the member that must not be later, for example a start time
     * @param later the member it is compared with, for example the matching end time
     * @param pointer the pointer of {@code earlier}, where a violation is reported
     * @param message what is wrong, in words, followed by both times
     * @return an error when both are well-formed times and {@code earlier} is after {@code later}
     */
    static Optional<ValidationError> notAfter(JsonNode earlier, JsonNode later, String pointer, String message) {
        Optional<Instant> first = instant(earlier);
        Optional<Instant> second = instant(later);
        if (first.isPresent() && second.isPresent() && first.get().isAfter(second.get())) {
            return Optional.of(new ValidationError(pointer,
                    message + " (" + earlier.asText() + " is after " + later.asText() + ")"));
        }
        return Optional.empty();
    }
}
