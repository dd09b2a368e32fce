package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;

/** A failed {@code oneOf} or {@code anyOf} is reported once, in the most useful form. */
class AlternativesTest {

    @Test
    void namesTheAlternativeMembersOnceWhenAnAnyOfRequiresOneOfThem() {
        assertEquals(List.of(new ValidationError("/predicate/product/id",
                        "one of these members is required: id or identifiers")),
                Reporting.errors("product", "{}"));
    }

    @Test
    void namesEachAlternativeOfSeveralMembersWhenAOneOfRequiresThem() {
        assertEquals(List.of(new ValidationError("/predicate/contact/email",
                        "one of these members is required: email or (phone and country)")),
                Reporting.errors("contact", "{}"));
    }

    @Test
    void reportsTheErrorsOfTheAlternativeWhoseDiscriminatorMatches() {
        assertEquals(List.of(new ValidationError("/predicate/input/uri",
                        "must be a valid RFC 3986 URI (absolute), for example https://example.com/a")),
                Reporting.errors("input", "{\"kind\": \"attestation\", \"uri\": \"not a uri\"}"));
        assertEquals(List.of(new ValidationError("/predicate/input/digest", "required member is missing")),
                Reporting.errors("input", "{\"kind\": \"artifact\"}"));
    }

    @Test
    void reportsTheErrorsOfTheAlternativeOfTheInstancesType() {
        assertEquals(List.of(new ValidationError("/predicate/tools/names", "must be an array, not a string")),
                Reporting.errors("tools", "{\"names\": \"x\"}"));
    }

    @Test
    void namesEveryAllowedTypeWhenTheInstanceHasNoneOfThem() {
        assertEquals(List.of(new ValidationError("/predicate/tools", "must be an array or an object, not a string")),
                Reporting.errors("tools", "\"x\""));
        assertEquals(List.of(new ValidationError("/predicate/either", "must be a string or an integer, not a number")),
                Reporting.errors("either", "1.5"));
    }

    @Test
    void saysOnceThatNoAlternativeMatchesAndWhatEachOneExpects() {
        List<ValidationError> errors = Reporting.errors("ref", "\"Not A Ref\"");

        assertEquals(1, errors.size(), errors::toString);
        assertEquals("/predicate/ref", errors.get(0).pointer());
        String message = errors.get(0).message();
        assertTrue(message.startsWith("matches none of the 2 alternatives the schema allows. As alternative 1 "
                + "(\"Local\"): "), message);
        assertTrue(message.contains(". As alternative 2 (\"Link\"): "), message);
        assertTrue(message.contains("^urn:cdx:"), message);
    }

    @Test
    void saysWhichAlternativesMatchWhenAOneOfMatchesMoreThanOne() {
        assertEquals(List.of(new ValidationError("/predicate/overlap", "matches 2 of the 2 alternatives the schema "
                        + "allows (alternatives 1 and 2), but must match exactly one")),
                Reporting.errors("overlap", "\"abc\""));
    }

    @Test
    void reportsOneWrongValueInAChoiceOnceWithoutTheOtherAlternativesEcho() {
        List<ValidationError> errors = Reporting.errors("licenses", "[{\"license\": {\"id\": \"v99\"}}]");

        assertEquals(1, errors.size(), errors::toString);
        assertEquals("/predicate/licenses/0/license/id", errors.get(0).pointer());
        assertTrue(errors.get(0).message().startsWith("is not one of the 25 values"), errors::toString);
    }

    @Test
    void resolvesNestedChoicesOneAfterTheOther() {
        assertEquals(List.of(new ValidationError("/predicate/licenses/0/license/id",
                        "one of these members is required: id or name")),
                Reporting.errors("licenses", "[{\"license\": {}}]"));
    }

    @Test
    void prefersTheAlternativeWithFewerStructuralErrors() {
        assertEquals(List.of(new ValidationError("/predicate/licenses/0/expression",
                        "must be a string, not an integer")),
                Reporting.errors("licenses", "[{\"expression\": 42}]"));
    }

    @Test
    void usesTheMessageTheHandlerRegisteredForACombinator() {
        PredicateSchema schema = Reporting.SCHEMA.withMessage(Reporting.ID + "#/properties/product/anyOf",
                "a product needs an id or identifiers");

        assertEquals(List.of(new ValidationError("/predicate/product/id", "a product needs an id or identifiers")),
                Reporting.errors(schema, "product", "{}"));
    }
}
