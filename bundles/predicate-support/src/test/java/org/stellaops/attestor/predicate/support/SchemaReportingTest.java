package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;

/** Where schema errors point and how they read: members, enumerations, formats, the cap on their number. */
class SchemaReportingTest {

    @Test
    void pointsAtAMemberTheSchemaDoesNotAllowAndSaysItIsNotAllowedHere() {
        assertEquals(List.of(new ValidationError("/predicate/closed/b",
                        "member 'b' is not allowed here: the schema does not define it")),
                Reporting.errors("closed", "{\"a\": 1, \"b\": 2}"));
    }

    @Test
    void pointsAtAnUnevaluatedMemberItself() {
        assertEquals(List.of(new ValidationError("/predicate/sealed/b",
                        "member 'b' is not allowed here: the schema does not define it")),
                Reporting.errors("sealed", "{\"b\": 2}"));
    }

    @Test
    void pointsAtAnUnknownTopLevelMemberRatherThanAtTheDocument() {
        assertEquals(List.of(new ValidationError("/predicate/extra",
                        "member 'extra' is not allowed here: the schema does not define it")),
                Reporting.errors("extra", "1"));
    }

    @Test
    void escapesTheNameOfAMemberThatIsNotAllowed() {
        assertEquals("/predicate/closed/a~1b~0c", Reporting.errors("closed", "{\"a/b~c\": 1}").get(0).pointer());
    }

    @Test
    void pointsAtAnArrayItemBeyondWhatTheSchemaAllows() {
        assertEquals(List.of(new ValidationError("/predicate/pair/2",
                        "item 2 is not allowed here: the array has more items than the schema allows")),
                Reporting.errors("pair", "[\"a\", \"b\", \"c\"]"));
    }

    @Test
    void listsEveryValueOfAShortEnumeration() {
        assertEquals(List.of(new ValidationError("/predicate/shortEnum",
                        "does not have a value in the enumeration [\"red\", \"green\", \"blue\"]")),
                Reporting.errors("shortEnum", "\"purple\""));
    }

    @Test
    void listsAtMostTwentyValuesOfALongEnumerationAndCountsTheRest() {
        String expected = "is not one of the 25 values the schema allows: "
                + IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("\"v%02d\"", i))
                        .collect(Collectors.joining(", "))
                + " … and 5 more";
        assertEquals(List.of(new ValidationError("/predicate/longEnum", expected)),
                Reporting.errors("longEnum", "\"v99\""));
    }

    @Test
    void reportsAtMostAHundredErrorsAndThenHowManyMoreThereWere() {
        String values = IntStream.range(0, 150).mapToObj(i -> "\"x" + i + "\"").collect(Collectors.joining(","));
        List<ValidationError> errors = Reporting.errors("longEnums", "[" + values + "]");

        assertEquals(PredicateSchema.MAX_ERRORS + 1, errors.size());
        assertEquals("/predicate/longEnums/99", errors.get(99).pointer());
        assertEquals(new ValidationError("/predicate", "and 50 more schema errors, not listed: one validation lists "
                + "at most 100; correct these and validate again"), errors.get(100));
    }

    @Test
    void keepsTheReportOfTenThousandWrongValuesSmall() {
        String values = IntStream.range(0, 10_000).mapToObj(i -> "\"x" + i + "\"").collect(Collectors.joining(","));
        List<ValidationError> errors = Reporting.errors("longEnums", "[" + values + "]");

        assertEquals(101, errors.size());
        assertTrue(errors.get(100).message().startsWith("and 9900 more schema errors"), errors.get(100)::message);
        int characters = errors.stream().mapToInt(error -> error.message().length()).sum();
        assertTrue(characters < 50_000, () -> characters + " characters");
    }

    @Test
    void wordsAFormatErrorAsOneSentence() {
        assertEquals(List.of(new ValidationError("/predicate/when",
                        "must be a valid RFC 3339 date-time, for example 2024-05-01T12:00:00Z")),
                Reporting.errors("when", "\"2024-05-01 12:00\""));
    }

    @Test
    void keepsTheMessageTheSchemaGivesForAKeyword() {
        assertEquals(List.of(new ValidationError("/predicate/named", "must be lowercase letters")),
                Reporting.errors("named", "\"Upper\""));
    }

    @Test
    void usesTheMessageTheHandlerRegisteredForAKeyword() {
        PredicateSchema schema = Reporting.SCHEMA.withMessage(Reporting.ID + "#/$defs/long/enum",
                "is not a version this handler knows: use v01 to v25");

        assertEquals(List.of(new ValidationError("/predicate/longEnum",
                        "is not a version this handler knows: use v01 to v25")),
                Reporting.errors(schema, "longEnum", "\"v0\""));
    }

    @Test
    void leavesOutTheErrorsOfRulesTheHandlerChecksItself() {
        PredicateSchema schema = Reporting.SCHEMA.withoutErrorsFrom(Reporting.ID + "#/properties/status/allOf");

        assertEquals(List.of(new ValidationError("/predicate/status/note", "required member is missing")),
                Reporting.errors("status", "{\"state\": \"done\"}"));
        assertEquals(List.of(), Reporting.errors(schema, "status", "{\"state\": \"done\"}"));
        assertEquals(1, Reporting.errors(schema, "status", "{\"state\": 1}").size());
    }
}
