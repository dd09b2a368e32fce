package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Pointers;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Compares the digests a predicate gives for the artifact it describes with the statement's subjects. The artifact is
 * a subject when one subject has one of its digests (same algorithm, same value). A finding is then each of its
 * digests when no subject has any of them, or each digest that contradicts the matching subject's digest of the same
 * algorithm.
 */
final class ArtifactSubjects {

    private static final Pattern LOWER_HEX = Pattern.compile("([0-9a-f]{2})+");
    private static final int LISTED_SUBJECT_DIGESTS = 3;

    private ArtifactSubjects() {
    }

    /**
     * @param statement the statement
     * @param digestSet the artifact's digest set (algorithm → lowercase hex); members of another shape are ignored
     * @param pointer the digest set's pointer in the statement
     * @return the findings, each at the pointer of the digest concerned; empty when the artifact is a subject
     */
    static List<ValidationError> mismatches(Statement statement, JsonNode digestSet, String pointer) {
        Map<String, String> claimed = wellFormed(digestSet);
        List<Subject> matching = statement.subjects().stream().filter(s -> sharesDigest(s, claimed)).toList();
        List<ValidationError> findings = new ArrayList<>();
        if (matching.isEmpty()) {
            claimed.forEach((algorithm, hex) -> findings.add(new ValidationError(Pointers.append(pointer, algorithm),
                    "the artifact's digest " + algorithm + ":" + hex + " is no subject of the statement ("
                            + listed(Subjects.digests(statement)) + "): attest the artifact that was scanned")));
            return findings;
        }
        for (Subject subject : matching) {
            for (Digest digest : subject.digests()) {
                String ours = claimed.get(digest.algorithm().toLowerCase(Locale.ROOT));
                if (ours != null && !ours.equals(digest.hex())) {
                    findings.add(new ValidationError(Pointers.append(pointer, digest.algorithm()),
                            "contradicts subject '" + subject.name() + "', which has another digest of the same "
                                    + "artifact: " + digest + "; the predicate says " + digest.algorithm() + ":" + ours));
                }
            }
        }
        return findings;
    }

    private static Map<String, String> wellFormed(JsonNode digestSet) {
        Map<String, String> digests = new LinkedHashMap<>();
        digestSet.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual() && LOWER_HEX.matcher(entry.getValue().asText()).matches()) {
                digests.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText());
            }
        });
        return digests;
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
