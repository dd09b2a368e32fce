package org.stellaops.attestor.policy;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a policy document: the document when it is valid, otherwise every problem found.
 *
 * @param document the validated document, or null when there are problems
 * @param problems every problem, in document order; empty exactly when {@code document} is present
 */
public record PolicyValidation(PolicyDocument document, List<PolicyProblem> problems) {

    /**
     * @param document may be null
     * @param problems not null
     */
    public PolicyValidation {
        problems = List.copyOf(problems);
        if ((document == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a validation has a document exactly when it has no problems");
        }
    }

    /** @return whether the document is valid */
    public boolean valid() {
        return document != null;
    }

    /** @return the document, if valid */
    public Optional<PolicyDocument> policy() {
        return Optional.ofNullable(document);
    }
}
