package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * The digests a statement's subjects carry, compared with what a predicate describes under in-toto DigestSet
 * semantics: an artifact matches when any of its digests is a subject digest; otherwise each of its digests is a
 * finding, at its pointer.
 */
public final class Subjects {

    private static final int SUBJECTS_NAMED = 3;

    /**
     * A digest of an artifact that contradicts the subject it matches by another digest: the predicate and the subject
     * give different values for the same algorithm.
     *
     * @param subject the matching subject
     * @param subjectDigest the subject's digest of the claim's algorithm
     * @param claim the predicate's digest
     * @since 1.1
     */
    public record Contradiction(Subject subject, Digest subjectDigest, DigestClaim claim) {
    }

    private Subjects() {
    }

    /**
     * @param statement a statement
     * @return every subject digest as {@code <algorithm>:<hex>}, both lowercase, in subject order
     */
    public static Set<String> digests(Statement statement) {
        Set<String> digests = new LinkedHashSet<>();
        for (Subject subject : statement.subjects()) {
            for (Digest digest : subject.digests()) {
                digests.add(key(digest.algorithm(), digest.hex()));
            }
        }
        return digests;
    }

    /**
     * @param statement a statement
     * @param algorithm a digest algorithm as in-toto names it ({@code sha256}, {@code sha512}, …), any case
     * @param hex the digest value, any case
     * @return whether some subject has exactly that digest
     */
    public static boolean has(Statement statement, String algorithm, String hex) {
        return digests(statement).contains(key(algorithm, hex));
    }

    /**
     * @param statement a statement
     * @return the subject digests for a message: {@code subjects: sha256:…, sha256:…, sha256:… and 2 more}, or
     *         {@code subjects: none}
     * @since 1.1
     */
    public static String describe(Statement statement) {
        Set<String> digests = digests(statement);
        if (digests.isEmpty()) {
            return "subjects: none";
        }
        List<String> named = digests.stream().limit(SUBJECTS_NAMED).toList();
        int more = digests.size() - named.size();
        return "subjects: " + String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
    }

    /**
     * @param statement a statement
     * @param claims the digests a predicate gives, grouped into artifacts by {@link DigestClaim#artifact()}
     * @return the claims of the artifacts none of whose digests a subject has, in claim order
     * @since 1.1
     */
    public static List<DigestClaim> unmatched(Statement statement, List<DigestClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        Set<String> subjects = digests(statement);
        Map<Integer, List<DigestClaim>> byArtifact = new LinkedHashMap<>();
        claims.forEach(claim -> byArtifact.computeIfAbsent(claim.artifact(), a -> new ArrayList<>()).add(claim));
        List<DigestClaim> unmatched = new ArrayList<>();
        for (List<DigestClaim> artifact : byArtifact.values()) {
            if (artifact.stream().noneMatch(claim -> subjects.contains(claim.digest()))) {
                unmatched.addAll(artifact);
            }
        }
        return unmatched;
    }

    /**
     * @param statement a statement
     * @param artifact the digests of one artifact
     * @return for each subject that shares a digest with the artifact, in subject order, each of its digests for
     *         whose algorithm the artifact gives another value
     * @since 1.1
     */
    public static List<Contradiction> contradictions(Statement statement, List<DigestClaim> artifact) {
        Map<String, DigestClaim> byAlgorithm = new LinkedHashMap<>();
        artifact.forEach(claim -> byAlgorithm.putIfAbsent(claim.algorithm().toLowerCase(Locale.ROOT), claim));
        List<Contradiction> contradictions = new ArrayList<>();
        for (Subject subject : statement.subjects()) {
            boolean matches = subject.digests().stream().anyMatch(digest -> artifact.stream()
                    .anyMatch(claim -> claim.digest().equals(key(digest.algorithm(), digest.hex()))));
            if (!matches) {
                continue;
            }
            for (Digest digest : subject.digests()) {
                DigestClaim claim = byAlgorithm.get(digest.algorithm().toLowerCase(Locale.ROOT));
                if (claim != null && !claim.digest().equals(key(digest.algorithm(), digest.hex()))) {
                    contradictions.add(new Contradiction(subject, digest, claim));
                }
            }
        }
        return contradictions;
    }

    /**
     * The findings about one artifact: each of its digests when it matches no subject, else each contradiction.
     *
     * @param statement a statement
     * @param artifact the digests of one artifact
     * @param unmatched the message of a digest of an artifact that matches no subject, given the digest and
     *        {@link #describe the subjects}
     * @param contradiction the message of a contradiction
     * @return the findings, each at its claim's pointer
     * @since 1.1
     */
    public static List<ValidationError> findings(Statement statement, List<DigestClaim> artifact,
                                                 BiFunction<DigestClaim, String, String> unmatched,
                                                 Function<Contradiction, String> contradiction) {
        List<DigestClaim> alone = unmatched(statement, artifact);
        if (!alone.isEmpty()) {
            String subjects = describe(statement);
            return alone.stream().map(claim -> new ValidationError(claim.pointer(), unmatched.apply(claim, subjects)))
                    .toList();
        }
        return contradictions(statement, artifact).stream()
                .map(found -> new ValidationError(found.claim().pointer(), contradiction.apply(found))).toList();
    }

    private static String key(String algorithm, String hex) {
        return algorithm.toLowerCase(Locale.ROOT) + ":" + hex.toLowerCase(Locale.ROOT);
    }
}
