package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The contract's facts rules, on every sample and at the list cap. */
class FactsContractTest {

    @ParameterizedTest
    @ValueSource(strings = {Samples.DISTRO, Samples.SPRING, Samples.INHERITED,
            Samples.APPLICATION, Samples.PRODUCT, Samples.INDEPENDENT})
    void extractsFlatVexFactsWithScalarOrSortedDistinctStringListValues(String sample) {
        PredicateResult.Valid valid = Errors.valid(Handlers.ERROR.validate(Samples.load(sample).statement()));

        FactsContract.assertObeyed(valid.facts(), "vex");
    }

    @Test
    void capsAListAtTenThousandEntriesAndMarksItTruncated() {
        TestStatements sample = Samples.load(Samples.INHERITED);
        ArrayNode subjects = sample.document().putArray("subject");
        for (int i = 0; i < 10_050; i++) {
            ObjectNode subject = subjects.addObject().put("name", String.format("pkg:apk/distro/git@2.39.%05d", i));
            subject.putObject("digest").put("sha256", String.format("%064x", i));
        }

        Map<String, Object> facts = Errors.valid(Handlers.ERROR.validate(sample.statement())).facts();

        FactsContract.assertObeyed(facts, "vex");
        List<?> products = (List<?>) facts.get("vex.products");
        assertEquals(10_000, products.size());
        assertEquals("pkg:apk/distro/git@2.39.00000", products.get(0));
        assertEquals("pkg:apk/distro/git@2.39.09999", products.get(9_999));
        assertEquals(Boolean.TRUE, facts.get("vex.products.truncated"));
        assertEquals(Boolean.TRUE, facts.get("vex.statements.truncated"));
        assertEquals(List.of("CVE-2023-12345", "CVE-2023-23946"), facts.get("vex.vulnerabilities"));
        assertFalse(facts.containsKey("vex.vulnerabilities.truncated"));
    }
}
