package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** Valid OpenVEX documents and the facts extracted from them. */
class OpenVexDocumentsTest {

    private static PredicateResult.Valid validate(TestStatements sample) {
        return Errors.valid(Handlers.ERROR.validate(sample.statement()));
    }

    @Test
    void acceptsADistroImageVexWith220StatementsAndExtractsEveryStatement() {
        TestStatements sample = Samples.load(Samples.DISTRO);
        PredicateResult.Valid valid = validate(sample);

        Map<String, Object> facts = valid.facts();
        JsonNode statements = sample.document().at("/predicate/statements");
        assertEquals(220, statements.size());
        assertEquals(220, facts.get("vex.statementCount"));
        assertEquals(220, ((List<?>) facts.get("vex.vulnerabilities")).size());
        assertEquals(220, ((List<?>) facts.get("vex.statements")).size());
        for (String status : List.of("not_affected", "affected", "fixed", "under_investigation")) {
            Set<String> expected = new TreeSet<>();
            statements.forEach(s -> {
                if (s.path("status").asText().equals(status)) {
                    expected.add(s.at("/vulnerability/name").asText());
                }
            });
            String fact = VexStatus.ofOpenVex(status).orElseThrow().factName();
            assertEquals(List.copyOf(expected), facts.get(fact), fact);
        }
        assertEquals("openvex", facts.get("vex.format"));
        assertEquals("0.2.0", facts.get("vex.specVersion"));
        assertEquals(3L, facts.get("vex.documentVersion"));
        assertEquals("Example Distro Security Team <security@example.com>", facts.get("vex.author"));
        Set<String> subcomponents = new TreeSet<>();
        statements.forEach(s -> s.path("products").forEach(p -> p.path("subcomponents")
                .forEach(c -> subcomponents.add(c.path("@id").asText()))));
        assertEquals(List.copyOf(subcomponents), facts.get("vex.subcomponents"));
        assertTrue(valid.warnings().isEmpty(), valid.warnings()::toString);
    }

    @Test
    void namesTheImageItselfForStatementsThatInheritTheirProductFromTheSubject() {
        Map<String, Object> facts = validate(Samples.load(Samples.DISTRO)).facts();

        // statement 3 lists no products: the attestation subject is its product
        assertTrue(((List<?>) facts.get("vex.statements")).contains(
                "CVE-2022-01111|registry.example.com/stellaops/nginx|not_affected"), facts::toString);
        assertTrue(((List<?>) facts.get("vex.products")).contains("registry.example.com/stellaops/nginx"));
    }

    @Test
    void acceptsTheSpecificationsSpringBootExampleAndExtractsItsFacts() {
        PredicateResult.Valid valid = validate(Samples.load(Samples.SPRING));

        String product = "pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3";
        assertEquals(Map.ofEntries(
                Map.entry("vex.format", "openvex"),
                Map.entry("vex.specVersion", "0.2.0"),
                Map.entry("vex.documentId", "https://openvex.dev/docs/public/"
                        + "vex-2e67563e128250cbcb3e98930df948dd053e43271d70dc50cfa22d57e03fe96f"),
                Map.entry("vex.author", "Spring Builds <spring-builds@users.noreply.github.com>"),
                Map.entry("vex.timestamp", "2023-01-16T19:07:16.853479631-06:00"),
                Map.entry("vex.documentVersion", 1L),
                Map.entry("vex.statementCount", 1),
                Map.entry("vex.vulnerabilities", List.of("CVE-2021-44228")),
                Map.entry("vex.aliases", List.of("GHSA-jfh8-c2jp-5v3q")),
                Map.entry("vex.products", List.of(product)),
                Map.entry("vex.statements", List.of("CVE-2021-44228|" + product + "|not_affected")),
                Map.entry("vex.status.notAffected", List.of("CVE-2021-44228")),
                Map.entry("vex.justifications", List.of("vulnerable_code_not_in_execute_path"))),
                valid.facts());
    }

    @Test
    void inheritsTheProductsOfStatementsWithoutProductsFromTheSubjects() {
        Map<String, Object> facts = validate(Samples.load(Samples.INHERITED)).facts();

        String armv7 = "pkg:apk/distro/git@2.39.0-r1?arch=armv7";
        String x86 = "pkg:apk/distro/git@2.39.0-r1?arch=x86_64";
        assertEquals(List.of(armv7, x86), facts.get("vex.products"));
        assertEquals(List.of("CVE-2023-12345|" + armv7 + "|fixed", "CVE-2023-12345|" + x86 + "|fixed",
                "CVE-2023-23946|" + armv7 + "|under_investigation", "CVE-2023-23946|" + x86 + "|under_investigation"),
                facts.get("vex.statements"));
    }

    @Test
    void namesASubjectWithoutANameByItsDigest() {
        Map<String, Object> facts = validate(Samples.load(Samples.INHERITED)
                .set("/subject/0/name", "\"\"")).facts();

        assertTrue(((List<?>) facts.get("vex.products")).contains(
                "sha256:74634d9736a45ca9f6e1187e783492199e020f4a5c19d0b1abc2b604f894ac99"), facts::toString);
    }

    @Test
    void readsTheUnversionedContextAsOpenVex020() {
        assertEquals("0.2.0", validate(Samples.load(Samples.INHERITED)).facts().get("vex.specVersion"));
    }

    @Test
    void acceptsAFutureOpenVex02PatchContext() {
        Map<String, Object> facts = validate(Samples.load(Samples.SPRING)
                .set("/predicate/@context", "\"https://openvex.dev/ns/v0.2.1\"")).facts();

        assertEquals("0.2.1", facts.get("vex.specVersion"));
    }

    @Test
    void acceptsNotAffectedWithAJustificationAlone() {
        validate(Samples.load(Samples.SPRING).remove("/predicate/statements/0/impact_statement"));
    }

    @Test
    void acceptsNotAffectedWithAnImpactStatementAlone() {
        Map<String, Object> facts = validate(Samples.load(Samples.SPRING)
                .remove("/predicate/statements/0/justification")).facts();

        assertEquals(List.of("CVE-2021-44228"), facts.get("vex.status.notAffected"));
        assertTrue(!facts.containsKey("vex.justifications"), facts::toString);
    }

    @Test
    void listsEveryIdentifierOfAProductButKeysItsStatementsByTheFirst() {
        Map<String, Object> facts = validate(Samples.load(Samples.SPRING)
                .set("/predicate/statements/0/products/0/identifiers",
                        "{\"purl\": \"pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3?type=jar\","
                                + " \"cpe23\": \"cpe:2.3:a:vmware:spring_boot:2.6.0:m3:*:*:*:*:*:*\"}")).facts();

        assertEquals(List.of("cpe:2.3:a:vmware:spring_boot:2.6.0:m3:*:*:*:*:*:*",
                "pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3",
                "pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3?type=jar"), facts.get("vex.products"));
        assertEquals(List.of("CVE-2021-44228|pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3|not_affected"),
                facts.get("vex.statements"));
    }

    @Test
    void keysAProductWithoutAnIdByItsPurl() {
        Map<String, Object> facts = validate(Samples.load(Samples.SPRING)
                .remove("/predicate/statements/0/products/0/@id")).facts();

        assertEquals(List.of("CVE-2021-44228|pkg:maven/org.springframework.boot/spring-boot@2.6.0-M3|not_affected"),
                facts.get("vex.statements"));
    }
}
