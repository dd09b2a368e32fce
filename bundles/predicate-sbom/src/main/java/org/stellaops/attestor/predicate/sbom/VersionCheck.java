package org.stellaops.attestor.predicate.sbom;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Json;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * Decides which schema applies to a predicate: the version the document names in its version member, which a
 * versioned predicate type must agree with.
 */
final class VersionCheck {

    /**
     * What the check found.
     *
     * @param schema the schema to validate with; empty when none can be chosen (the document names no usable version
     *        and the predicate type names none either)
     * @param error the finding about the version member, if any
     * @param stop whether nothing else should be checked (a document of another format generation)
     */
    record Outcome(Optional<SbomSchema> schema, Optional<ValidationError> error, boolean stop) {
    }

    private VersionCheck() {
    }

    /**
     * @param type the statement's predicate type
     * @param predicate the predicate
     * @return the schema to apply and the version finding
     */
    static Outcome check(SbomPredicateType type, JsonNode predicate) {
        SbomFormat format = type.format();
        String pointer = Pointers.append(SbomPredicateHandler.PREDICATE_POINTER, format.versionMember());
        JsonNode value = predicate.get(format.versionMember());
        Optional<SbomSchema> declared = type.declared();
        if (value == null || value.isNull()) {
            if (format == SbomFormat.SPDX && (predicate.has("@context") || predicate.has("@graph"))) {
                return new Outcome(Optional.empty(), Optional.of(new ValidationError(SbomPredicateHandler.PREDICATE_POINTER,
                        "this is an SPDX 3 JSON-LD document; this handler validates SPDX 2.2 and 2.3 JSON documents "
                                + "(spdxVersion " + format.acceptedValues() + ")")), true);
            }
            return fallBack(declared, pointer, "required member is missing: it names the " + format + " version, which "
                    + "decides the schema that applies (" + format.acceptedValues() + ")");
        }
        if (!value.isTextual()) {
            return fallBack(declared, pointer, "must be a string naming the " + format + " version ("
                    + format.acceptedValues() + "), not " + Json.kind(value));
        }
        Optional<SbomSchema> named = SbomSchema.forDocument(format, value.asText());
        if (named.isEmpty()) {
            return fallBack(declared, pointer, "names " + format + " version \"" + value.asText() + "\", which this "
                    + "handler does not validate: it accepts " + format.acceptedValues());
        }
        if (declared.isPresent() && declared.get() != named.get()) {
            return new Outcome(named, Optional.of(new ValidationError(pointer, "says " + format + " "
                    + named.get().version() + ", but the predicate type " + type.uri() + " is for " + format + " "
                    + declared.get().version() + ": use the predicate type "
                    + SbomPredicateType.versioned(named.get()).uri() + " (or " + SbomPredicateType.unversioned(format).uri()
                    + "), or attest a " + format + " " + declared.get().version() + " document")), false);
        }
        return new Outcome(named, Optional.empty(), false);
    }

    private static Outcome fallBack(Optional<SbomSchema> declared, String pointer, String message) {
        // Without a usable version in the document, a versioned predicate type still says which schema the producer
        // meant, so the rest of the document can be checked against it and every error reported at once.
        return new Outcome(declared, Optional.of(new ValidationError(pointer, message)), false);
    }

    /** @return the errors of this outcome as a list */
    static List<ValidationError> errors(Outcome outcome) {
        return outcome.error().map(List::of).orElse(List.of());
    }
}
