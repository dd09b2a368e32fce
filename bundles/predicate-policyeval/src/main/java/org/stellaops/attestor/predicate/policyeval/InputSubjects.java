package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.ValidationError;
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
    private static final int LISTED_SUBJECT_DIGESTS = 3;

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
                findings.addAll(mismatches(statement, DigestSets.read(input.path("digest")), pointer));
            }
        }
        return findings;
    }

    private static List<ValidationError> mismatches(Statement statement, Map<String, String> claimed, String pointer) {
        List<ValidationError> findings = new ArrayList<>();
        List<Subject> matching = statement.subjects().stream().filter(s -> sharesDigest(s, claimed)).toList();
        if (matching.isEmpty()) {
            claimed.forEach((algorithm, hex) -> findings.add(new ValidationError(Pointers.append(pointer, algorithm),
                    "the evaluated artifact " + algorithm + ":" + hex + " is no subject of the statement ("
                            + listed(Subjects.digests(statement))
                            + "): the subjects are the artifacts the verdict is about")));
            return findings;
        }
        for (Subject subject : matching) {
            for (Digest digest : subject.digests()) {
                String ours = claimed.get(digest.algorithm().toLowerCase(Locale.ROOT));
                if (ours != null && !ours.equals(digest.hex())) {
                    findings.add(new ValidationError(Pointers.append(pointer, digest.algorithm()),
                            "contradicts subject '" + subject.name() + "', which has another digest of the same "
                                    + "artifact: " + digest + "; the input says " + digest.algorithm() + ":" + ours));
                }
            }
        }
        return findings;
    }

    private static boolean sharesDigest(Subject subject, Map<String, String> claimed) {
        return subject.digests().stream()
                .anyMatch(d -> d.hex().equals(claimed.get(d.algorithm().toLowerCase(Locale.ROOT))));
    }

    private static String listed(Set<String> digests) {
        if (digests.isEmpty()) {
            return "it has no subject digest";
        }
        List<String> shown = digests.stream().limit(LISTED_SUBJECT_DIGESTS).toList();
        String more = digests.size() > shown.size() ? ", and " + (digests.size() - shown.size()) + " more" : "";
        return "subjects: " + String.join(", ", shown) + more;
    }
}
