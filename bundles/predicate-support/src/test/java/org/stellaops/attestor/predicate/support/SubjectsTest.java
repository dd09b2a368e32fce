package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.ValidationError;

class SubjectsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(128);
    private static final String C = "c".repeat(64);

    private final Statement statement = statement(new Subject("app.jar", List.of(new Digest("sha256", A))),
            new Subject("app.tar", List.of(new Digest("sha512", B))));

    private static Statement statement(Subject... subjects) {
        return new Statement(Statement.TYPE_V1, List.of(subjects), "https://example.test/p", Map.of(),
                Bytes.of(new byte[0]));
    }

    private static DigestClaim claim(String algorithm, String hex, int artifact) {
        return new DigestClaim("/predicate/a/" + artifact + "/" + algorithm, algorithm, hex, artifact, "artifact "
                + artifact);
    }

    @Test
    void listsEverySubjectDigestByAlgorithm() {
        assertEquals(Set.of("sha256:" + A, "sha512:" + B), Subjects.digests(statement));
    }

    @Test
    void findsADigestWhateverTheCaseOfItsAlgorithmAndHex() {
        assertTrue(Subjects.has(statement, "SHA256", A.toUpperCase()));
        assertFalse(Subjects.has(statement, "sha512", A));
    }

    @Test
    void matchesAnArtifactWhenAnyOfItsDigestsIsASubjectDigest() {
        assertEquals(List.of(), Subjects.unmatched(statement, List.of(claim("sha256", C, 0), claim("sha512", B, 0))));
    }

    @Test
    void reportsEveryDigestOfAnArtifactThatMatchesNoSubjectInClaimOrder() {
        List<DigestClaim> claims = List.of(claim("sha256", C, 0), claim("sha256", A.toUpperCase(), 1),
                claim("sha384", C, 0));

        assertEquals(List.of(claims.get(0), claims.get(2)), Subjects.unmatched(statement, claims));
    }

    @Test
    void findsADigestThatContradictsTheSubjectTheArtifactMatches() {
        Statement both = statement(new Subject("image", List.of(new Digest("sha256", A), new Digest("sha512", B))));
        List<DigestClaim> artifact = List.of(claim("sha256", A, 0), claim("sha512", "d".repeat(128), 0));

        List<Subjects.Contradiction> found = Subjects.contradictions(both, artifact);

        assertEquals(1, found.size());
        assertEquals(new Digest("sha512", B), found.get(0).subjectDigest());
        assertEquals(artifact.get(1), found.get(0).claim());
    }

    @Test
    void wordsTheFindingsOfOneArtifact() {
        List<ValidationError> alone = Subjects.findings(statement, List.of(claim("sha256", C, 0)),
                (claim, subjects) -> claim.digest() + " (" + subjects + ")", found -> "contradiction");

        assertEquals(List.of(new ValidationError("/predicate/a/0/sha256", "sha256:" + C + " (subjects: sha256:" + A
                + ", sha512:" + B + ")")), alone);
    }

    @Test
    void describesAtMostThreeSubjectDigests() {
        Statement many = statement(new Subject("a", List.of(new Digest("sha256", "01"), new Digest("sha256", "02"),
                new Digest("sha256", "03"), new Digest("sha256", "04"), new Digest("sha256", "05"))));

        assertEquals("subjects: sha256:01, sha256:02, sha256:03 and 2 more", Subjects.describe(many));
    }
}
