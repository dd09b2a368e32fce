package org.stellaops.attestor.predicate.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Compares the digests an SBOM gives for the artifacts it describes with the statement's subjects. An artifact with a
 * digest that a subject has matches (in-toto DigestSet semantics: two sets match when any field matches); every digest
 * of an artifact that matches no subject is a finding, located at the member holding it.
 */
final class SubjectCheck {

    private static final int SUBJECTS_NAMED = 3;

    private SubjectCheck() {
    }

    /**
     * @param statement the statement whose subjects are compared
     * @param claims the digests the SBOM gives, grouped by {@link DigestClaim#artifact()}
     * @return the findings, in claim order
     */
    static List<ValidationError> mismatches(Statement statement, List<DigestClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        Set<String> subjects = Subjects.digests(statement);
        Map<Integer, List<DigestClaim>> byArtifact = new LinkedHashMap<>();
        claims.forEach(claim -> byArtifact.computeIfAbsent(claim.artifact(), a -> new ArrayList<>()).add(claim));
        List<ValidationError> findings = new ArrayList<>();
        for (List<DigestClaim> artifact : byArtifact.values()) {
            if (artifact.stream().noneMatch(claim -> subjects.contains(claim.digest()))) {
                artifact.forEach(claim -> findings.add(new ValidationError(claim.pointer(), message(claim, subjects))));
            }
        }
        return findings;
    }

    private static String message(DigestClaim claim, Set<String> subjects) {
        return "the SBOM gives " + claim.digest() + " for " + claim.artifactLabel() + ", the artifact it describes, "
                + "but no statement subject has this digest (subjects: " + describe(subjects) + "); attest the SBOM "
                + "for the artifact it describes, or correct the digest";
    }

    private static String describe(Set<String> subjects) {
        if (subjects.isEmpty()) {
            return "none";
        }
        List<String> named = subjects.stream().limit(SUBJECTS_NAMED).toList();
        String text = String.join(", ", named);
        int more = subjects.size() - named.size();
        return more > 0 ? text + " and " + more + " more" : text;
    }
}
