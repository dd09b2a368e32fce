package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.Subjects;

/**
 * Compares the digests a VEX gives for its products with the statement's subjects. A product whose digests include
 * one that a subject has matches (in-toto DigestSet semantics: sets match when any field matches); every digest of a
 * product that matches none is a finding, located at the member holding it.
 */
final class SubjectCheck {

    private static final int SUBJECTS_NAMED = 3;

    private SubjectCheck() {
    }

    /**
     * @param statement the statement whose subjects are compared
     * @param claims the digests the predicate gives, grouped by {@link DigestClaim#product()}
     * @return the findings, in claim order
     */
    static List<ValidationError> mismatches(Statement statement, List<DigestClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        Set<String> subjects = Subjects.digests(statement);
        Map<Integer, List<DigestClaim>> byProduct = new LinkedHashMap<>();
        claims.forEach(claim -> byProduct.computeIfAbsent(claim.product(), p -> new ArrayList<>()).add(claim));
        List<ValidationError> findings = new ArrayList<>();
        for (List<DigestClaim> product : byProduct.values()) {
            if (product.stream().noneMatch(claim -> subjects.contains(claim.digest()))) {
                product.forEach(claim -> findings.add(new ValidationError(claim.pointer(), message(claim, subjects))));
            }
        }
        return findings;
    }

    private static String message(DigestClaim claim, Set<String> subjects) {
        return "the VEX gives " + claim.digest() + " for " + claim.productLabel() + ", but no statement subject has "
                + "this digest (subjects: " + describe(subjects) + "); attest the VEX for the artifact it describes, "
                + "or correct the digest";
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
