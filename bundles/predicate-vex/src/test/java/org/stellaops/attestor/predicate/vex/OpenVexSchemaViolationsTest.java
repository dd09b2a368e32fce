package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.predicate.vex.Samples.spring;
import static org.stellaops.attestor.predicate.vex.Samples.validate;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Each rule class of the official OpenVEX schema, on an otherwise valid document. */
class OpenVexSchemaViolationsTest {

    @Test
    void pointsAtAMissingDocumentIdItself() {
        Errors.assertOnly(validate(spring().remove("/predicate/@id")), "/predicate/@id", "required member is missing");
    }

    @Test
    void pointsAtAMissingStatusItself() {
        Errors.assertOnly(validate(spring().remove("/predicate/statements/0/status")),
                "/predicate/statements/0/status", "required member is missing");
    }

    @Test
    void pointsAtAMissingVulnerabilityName() {
        Errors.assertOnly(validate(spring().remove("/predicate/statements/0/vulnerability/name")),
                "/predicate/statements/0/vulnerability/name", "required member is missing");
    }

    @Test
    void rejectsADocumentVersionGivenAsAString() {
        Errors.assertOnly(validate(spring().set("/predicate/version", "\"1\"")), "/predicate/version",
                "must be an integer, not a string");
    }

    @Test
    void rejectsADocumentVersionBelowOne() {
        Errors.assertOnly(validate(spring().set("/predicate/version", "0")), "/predicate/version", "1");
    }

    @Test
    void rejectsProductsThatAreNotAnArray() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/products", "{}")),
                "/predicate/statements/0/products", "must be an array, not an object");
    }

    @Test
    void rejectsAStatusOutsideTheFourVexStatuses() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/status", "\"false_positive\"")),
                "/predicate/statements/0/status", "under_investigation");
    }

    @Test
    void rejectsAJustificationOutsideTheVexCatalogue() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/justification", "\"code_not_reachable\"")),
                "/predicate/statements/0/justification", "vulnerable_code_not_in_execute_path");
    }

    @Test
    void rejectsATimestampThatIsNotAnRfc3339DateTime() {
        Errors.assertOnly(validate(spring().set("/predicate/timestamp", "\"2023-01-16 19:07\"")),
                "/predicate/timestamp", "RFC 3339");
    }

    @Test
    void rejectsAStatementTimestampThatIsNotAnRfc3339DateTime() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/action_statement_timestamp", "\"today\"")),
                "/predicate/statements/0/action_statement_timestamp", "RFC 3339");
    }

    @Test
    void rejectsADocumentIdThatIsNotAnIri() {
        Errors.assertOnly(validate(spring().set("/predicate/@id", "\"vex document 1\"")), "/predicate/@id", "IRI");
    }

    @Test
    void rejectsAContextThatIsNotAUri() {
        List<ValidationError> errors = Errors.errors(validate(spring().set("/predicate/@context", "\"openvex\"")));

        assertEquals("/predicate/@context", errors.get(0).pointer());
        assertTrue(errors.get(0).message().contains("RFC 3986 URI"), errors::toString);
    }

    @Test
    void rejectsTheDocumentLevelSupplierThatOpenVex02Removed() {
        Errors.assertOnly(validate(spring().set("/predicate/supplier", "\"Spring\"")), "/predicate/supplier",
                "member 'supplier' is not allowed here");
    }

    @Test
    void rejectsAnUnknownStatementMember() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/vuln_description", "\"old name\"")),
                "/predicate/statements/0/vuln_description", "member 'vuln_description' is not allowed here");
    }

    @Test
    void rejectsAnUnknownHashAlgorithm() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/products/0/hashes/sha256", "\"ab\"")),
                "/predicate/statements/0/products/0/hashes/sha256", "member 'sha256' is not allowed here");
    }

    @Test
    void rejectsADocumentWithoutStatements() {
        Errors.assertOnly(validate(spring().set("/predicate/statements", "[]")), "/predicate/statements", "1");
    }

    @Test
    void rejectsTheSameStatementTwice() {
        TestStatements sample = spring();
        sample.set("/predicate/statements/1", sample.document().at("/predicate/statements/0").deepCopy());

        Errors.assertOnly(validate(sample), "/predicate/statements", "unique");
    }

    @Test
    void saysOnceThatAProductNeedsAnIdOrIdentifiers() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/products/0", "{\"hashes\": {}}")),
                "/predicate/statements/0/products/0/@id", "needs an @id (an IRI, for example a purl) or identifiers");
    }

    @Test
    void saysOnceThatIdentifiersNeedAPurlOrACpe() {
        Errors.assertOnly(validate(spring().set("/predicate/statements/0/products/0/identifiers", "{}")),
                "/predicate/statements/0/products/0/identifiers/purl", "at least one of purl, cpe22 or cpe23");
    }

    @Test
    void rejectsTheOpenVex001ShapeWithAnErrorForEachDifference() {
        List<ValidationError> errors = Errors.errors(validate(spring()
                .set("/predicate/@context", "\"https://openvex.dev/ns/v0.0.1\"")
                .set("/predicate/statements/0/vulnerability", "\"CVE-2021-44228\"")
                .set("/predicate/statements/0/products", "[\"pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3\"]")));

        assertEquals(List.of("/predicate/statements/0/vulnerability", "/predicate/statements/0/products/0",
                "/predicate/@context"), errors.stream().map(ValidationError::pointer).toList(), errors::toString);
    }

    @Test
    void reportsEveryViolationNotOnlyTheFirst() {
        List<ValidationError> errors = Errors.errors(validate(spring()
                .remove("/predicate/author")
                .set("/predicate/timestamp", "\"yesterday\"")
                .set("/predicate/statements/0/status", "\"unknown\"")));

        assertEquals(Set.of("/predicate/author", "/predicate/timestamp", "/predicate/statements/0/status"),
                errors.stream().map(ValidationError::pointer).collect(Collectors.toSet()), errors::toString);
    }
}
