package org.stellaops.attestor.core.internal;

import java.util.List;

import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.PolicyValidation;

/**
 * A policy a verification is judged by: a validated document and where it came from.
 *
 * @param document the validated document
 * @param source {@code store} or {@code inline}
 * @param version the version reports name: the stored version, or the document's own for an inline policy
 */
record ResolvedPolicy(PolicyDocument document, String source, int version) {

    /** @return what identifies the policy in cache keys: source, id, version and content digest */
    String key() {
        return source + ":" + document.id() + "@" + version + "#" + document.digest();
    }

    /**
     * @param validation the engine's validation
     * @return the document
     * @throws PolicyInvalidException with every problem when it is not valid
     */
    static PolicyDocument valid(PolicyValidation validation) {
        if (validation.valid()) {
            return validation.document();
        }
        List<PolicyInvalidException.Problem> problems = validation.problems().stream()
                .map(p -> new PolicyInvalidException.Problem(p.pointer(), p.code(), p.message())).toList();
        throw new PolicyInvalidException(problems);
    }
}
