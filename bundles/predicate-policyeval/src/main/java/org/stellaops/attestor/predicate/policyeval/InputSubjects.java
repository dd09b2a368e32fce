package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.DigestSets;
import org.stellaops.attestor.predicate.support.Pointers;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Compares the evaluated artifacts ({@code inputs} of kind {@code artifact}) with the statement's subjects, which are
 * the artifacts the verdict is about. An artifact input is a subject when one subject has one of its digests (same
 * algorithm, same value). A finding is each of its digests when no subject has any of them, or each digest that
 * contradicts the matching subject's digest of the same algorithm. Attestation inputs are evidence, named by their
 * envelope digest, and are not compared.
 */
final class InputSubjects {

    private static final String INPUTS = "/predicate/inputs";

    private InputSubjects() {
    }

    /**
     * @param statement the statement
     * @param inputs the predicate's {@code inputs} member, valid or not
     * @return the findings, each at the pointer of the digest concerned
     */
    static List<ValidationError> mismatches(Statement statement, JsonNode inputs) {
        List<ValidationError> findings = new ArrayList<>();
        if (!inputs.isArray()) {
            return findings;
        }
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            if ("artifact".equals(input.path("kind").asText(null))) {
                String pointer = Pointers.append(Pointers.append(INPUTS, i), "digest");
                findings.addAll(Subjects.findings(statement, DigestSets.claims(input.path("digest"), pointer, i,
                        "the evaluated artifact"), InputSubjects::unmatched, InputSubjects::contradiction));
            }
        }
        return findings;
    }

    private static String unmatched(DigestClaim claim, String subjects) {
        return "the evaluated artifact " + claim.digest() + " is no subject of the statement (" + subjects
                + "): the subjects are the artifacts the verdict is about";
    }

    private static String contradiction(Subjects.Contradiction found) {
        return "contradicts subject '" + found.subject().name() + "', which has another digest of the same artifact: "
                + found.subjectDigest() + "; the input says " + found.subjectDigest().algorithm() + ":"
                + found.claim().hex();
    }
}
