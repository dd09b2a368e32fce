package org.stellaops.attestor.predicate.scan;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestSets;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Compares the digests a ScanResults predicate gives for the scanned artifact with the statement's subjects. The
 * artifact is a subject when one subject has one of its digests (same algorithm, same value). A finding is then each
 * of its digests when no subject has any of them, or each digest that contradicts the matching subject's digest of
 * the same algorithm.
 */
final class ArtifactSubjects {

    private ArtifactSubjects() {
    }

    /**
     * @param statement the statement
     * @param digestSet the artifact's digest set (algorithm → lowercase hex); members of another shape are ignored
     * @param pointer the digest set's pointer in the statement
     * @return the findings, each at the pointer of the digest concerned; empty when the artifact is a subject
     */
    static List<ValidationError> mismatches(Statement statement, JsonNode digestSet, String pointer) {
        return Subjects.findings(statement, DigestSets.claims(digestSet, pointer, 0, "the scanned artifact"),
                (claim, subjects) -> "the artifact's digest " + claim.digest() + " is no subject of the statement ("
                        + subjects + "): attest the artifact that was scanned",
                found -> "contradicts subject '" + found.subject().name() + "', which has another digest of the same "
                        + "artifact: " + found.subjectDigest() + "; the predicate says "
                        + found.subjectDigest().algorithm() + ":" + found.claim().hex());
    }
}
