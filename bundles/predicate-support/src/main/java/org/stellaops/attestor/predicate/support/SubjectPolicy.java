package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * What a handler does when a statement's subjects do not match the artifact its predicate describes (an SBOM whose
 * root component has a digest that no subject has, say): refuse the statement ({@link #ERROR}, the default: a
 * statement about one artifact must not be filed under another), accept it with the findings as warnings
 * ({@link #WARNING}), or not check ({@link #OFF}). A predicate that does not say which artifact it describes gives
 * no finding.
 */
public enum SubjectPolicy {
    /** A mismatch makes the statement invalid. */
    ERROR,
    /** A mismatch is a warning in the answer; the statement is accepted. */
    WARNING,
    /** Subjects are not compared with the predicate. */
    OFF;

    /**
     * @param value {@code error}, {@code warning} or {@code off}, any case, surrounding blanks ignored
     * @return the policy
     * @throws IllegalArgumentException for any other value (a configuration error must not weaken the check)
     */
    public static SubjectPolicy parse(String value) {
        String normalised = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (SubjectPolicy policy : values()) {
            if (policy.name().equals(normalised)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("subject policy must be error, warning or off, not '" + value + "'");
    }

    /**
     * The result of a predicate that passed every other check.
     *
     * @param facts the extracted facts
     * @param warnings the handler's own warnings
     * @param mismatches the subject findings (pointer at the predicate member that names the artifact)
     * @return invalid with the mismatches under {@link #ERROR} when there are any, else valid with the warnings
     *         (and, under {@link #WARNING}, the mismatches)
     */
    public PredicateResult result(Map<String, Object> facts, List<ValidationError> warnings,
                                  List<ValidationError> mismatches) {
        if (this == ERROR && !mismatches.isEmpty()) {
            return PredicateResult.invalid(mismatches);
        }
        List<ValidationError> all = new ArrayList<>(warnings);
        if (this == WARNING) {
            all.addAll(mismatches);
        }
        return new PredicateResult.Valid(facts, all);
    }

    /**
     * The result of a predicate after every check: invalid when there are errors (with, under {@link #ERROR}, the
     * subject findings added), else as {@link #result(Map, List, List)}. The suppliers are called only when their
     * value is needed: facts and warnings only for a predicate without errors, the findings never under {@link #OFF}.
     *
     * @param errors the schema and rule errors
     * @param facts the facts of a predicate without errors
     * @param warnings the handler's own warnings about a predicate without errors
     * @param mismatches the subject findings
     * @return the result
     * @since 1.1
     */
    public PredicateResult result(List<ValidationError> errors, Supplier<Map<String, Object>> facts,
                                  Supplier<List<ValidationError>> warnings,
                                  Supplier<List<ValidationError>> mismatches) {
        List<ValidationError> findings = this == OFF ? List.of() : mismatches.get();
        if (!errors.isEmpty()) {
            List<ValidationError> all = new ArrayList<>(errors);
            if (this == ERROR) {
                all.addAll(findings);
            }
            return PredicateResult.invalid(all);
        }
        return result(facts.get(), warnings.get(), findings);
    }
}
