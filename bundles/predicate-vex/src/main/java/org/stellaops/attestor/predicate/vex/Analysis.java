package org.stellaops.attestor.predicate.vex;

import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestClaim;

/**
 * What a format reader found in one predicate.
 *
 * @param errors schema errors, then semantic errors; empty when the predicate is valid
 * @param warnings findings that do not make the predicate invalid
 * @param facts the facts (meaningful only when there are no errors)
 * @param claims the digests the predicate gives for the artifact it describes
 */
record Analysis(List<ValidationError> errors, List<ValidationError> warnings, Map<String, Object> facts,
                List<DigestClaim> claims) {

    Analysis {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        claims = List.copyOf(claims);
    }

    /** @return an analysis with errors only */
    static Analysis rejected(List<ValidationError> errors) {
        return new Analysis(errors, List.of(), Map.of(), List.of());
    }
}
