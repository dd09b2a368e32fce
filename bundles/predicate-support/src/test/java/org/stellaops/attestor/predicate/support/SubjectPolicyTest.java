package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

class SubjectPolicyTest {

    private static final Map<String, Object> FACTS = Map.of("format", "CycloneDX");
    private static final ValidationError OWN = new ValidationError("/predicate/a", "own warning");
    private static final ValidationError MISMATCH = new ValidationError("/predicate/metadata/component/hashes",
            "no subject has this digest");

    @Test
    void refusesAMismatchUnderError() {
        PredicateResult result = SubjectPolicy.ERROR.result(FACTS, List.of(OWN), List.of(MISMATCH));
        assertEquals(List.of(MISMATCH), assertInstanceOf(PredicateResult.Invalid.class, result).errors());
    }

    @Test
    void acceptsAMismatchAsAWarningUnderWarning() {
        PredicateResult result = SubjectPolicy.WARNING.result(FACTS, List.of(OWN), List.of(MISMATCH));
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result);
        assertEquals(List.of(OWN, MISMATCH), valid.warnings());
        assertEquals(FACTS, valid.facts());
    }

    @Test
    void dropsTheFindingsUnderOff() {
        PredicateResult result = SubjectPolicy.OFF.result(FACTS, List.of(OWN), List.of(MISMATCH));
        assertEquals(List.of(OWN), assertInstanceOf(PredicateResult.Valid.class, result).warnings());
    }

    @Test
    void acceptsAMatchingStatementUnderError() {
        assertInstanceOf(PredicateResult.Valid.class, SubjectPolicy.ERROR.result(FACTS, List.of(), List.of()));
    }

    @Test
    void parsesAnyCaseAndRefusesAnythingElse() {
        assertEquals(SubjectPolicy.WARNING, SubjectPolicy.parse(" Warning "));
        assertThrows(IllegalArgumentException.class, () -> SubjectPolicy.parse("lenient"));
        assertThrows(IllegalArgumentException.class, () -> SubjectPolicy.parse(null));
    }

    @Test
    void addsTheFindingsToTheErrorsOfAnInvalidPredicateUnderErrorOnly() {
        List<ValidationError> errors = List.of(OWN);

        assertEquals(List.of(OWN, MISMATCH), assertInstanceOf(PredicateResult.Invalid.class,
                SubjectPolicy.ERROR.result(errors, () -> FACTS, List::of, () -> List.of(MISMATCH))).errors());
        assertEquals(List.of(OWN), assertInstanceOf(PredicateResult.Invalid.class,
                SubjectPolicy.WARNING.result(errors, () -> FACTS, List::of, () -> List.of(MISMATCH))).errors());
    }

    @Test
    void neverComparesSubjectsUnderOff() {
        PredicateResult result = SubjectPolicy.OFF.result(List.of(), () -> FACTS, () -> List.of(OWN), () -> {
            throw new AssertionError("compared under off");
        });

        assertEquals(List.of(OWN), assertInstanceOf(PredicateResult.Valid.class, result).warnings());
    }

    @Test
    void extractsNoFactsFromAnInvalidPredicate() {
        PredicateResult result = SubjectPolicy.WARNING.result(List.of(OWN), () -> {
            throw new AssertionError("facts of an invalid predicate");
        }, List::of, List::of);

        assertInstanceOf(PredicateResult.Invalid.class, result);
    }
}
