package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Error;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * Turns the validator's errors for one document into what the submitter gets: errors of the locations the handler
 * checks itself left out, alternatives reported once ({@link Alternatives}), repeats removed, and at most
 * {@link PredicateSchema#MAX_ERRORS} errors followed by one that counts the rest. Only the reported errors have their
 * messages built.
 */
final class ErrorReport {

    private ErrorReport() {
    }

    /**
     * @param errors the validator's errors, in its order
     * @param wording locates and words single errors
     * @param documents the schemas, for the alternatives' titles and counts
     * @param silenced schema locations whose errors the handler reports itself
     * @param prefix the document's pointer in the statement
     * @return the errors to report
     */
    static List<ValidationError> of(List<Error> errors, SchemaErrors wording, SchemaDocuments documents,
                                    List<String> silenced, String prefix) {
        List<RawError> raw = new ArrayList<>(errors.size());
        for (Error error : errors) {
            RawError candidate = RawError.of(error);
            if (silenced.stream().noneMatch(location -> within(candidate.location(), location))) {
                raw.add(candidate);
            }
        }
        List<Finding> findings = new Alternatives(wording, documents).reduce(raw, 0);
        Set<String> seen = new HashSet<>();
        List<ValidationError> reported = new ArrayList<>();
        int more = 0;
        for (Finding finding : findings) {
            if (!seen.add(finding.key())) {
                continue;
            }
            if (reported.size() < PredicateSchema.MAX_ERRORS) {
                ValidationError error = finding.toValidationError();
                if (!reported.contains(error)) {
                    reported.add(error);
                }
            } else {
                more++;
            }
        }
        if (more > 0) {
            reported.add(new ValidationError(prefix, "and " + more + " more schema errors, not listed: one validation "
                    + "lists at most " + PredicateSchema.MAX_ERRORS + "; correct these and validate again"));
        }
        return reported;
    }

    private static boolean within(String location, String silenced) {
        return location.equals(silenced) || location.startsWith(silenced + "/");
    }
}
