package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.FactsContract;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** SBOMs of realistic size, generated deterministically by {@link LargeSboms}. */
class LargeSbomTest {

    private static Map<String, Object> validFacts(TestStatements statement) {
        PredicateResult result = Handlers.ERROR.validate(statement.statement());
        PredicateResult.Valid valid = assertInstanceOf(PredicateResult.Valid.class, result, () -> "result: "
                + (result instanceof PredicateResult.Invalid invalid ? invalid.errors().subList(0,
                Math.min(5, invalid.errors().size())) : result));
        FactsContract.assertObeyed(valid.facts(), "sbom");
        return valid.facts();
    }

    @Test
    void acceptsACycloneDx16BomOfFifteenHundredComponents() {
        Map<String, Object> facts = validFacts(LargeSboms.cycloneDx("1.6", 1_500));

        assertEquals(1_500L, facts.get("sbom.components"));
        List<?> purls = (List<?>) facts.get("sbom.purls");
        assertEquals(1_501, purls.size());
        assertEquals("pkg:maven/org.example.group0/lib-0@1.0.0?type=jar", purls.get(0));
        assertEquals(List.of("Apache-2.0", "BSD-3-Clause", "EPL-1.0", "EPL-2.0", "LGPL-2.1-only", "MIT", "MPL-2.0",
                "Vendor licence 0", "Vendor licence 1", "Vendor licence 2"), facts.get("sbom.licenses"));
        assertEquals(List.of(LargeSboms.EXPRESSION), facts.get("sbom.licenseExpressions"));
        assertEquals(107L, facts.get("sbom.componentsWithoutLicense"));
    }

    @Test
    void acceptsACycloneDx15BomOfAThousandComponents() {
        assertEquals(1_000L, validFacts(LargeSboms.cycloneDx("1.5", 1_000)).get("sbom.components"));
    }

    @Test
    void acceptsACycloneDx14BomOfAThousandComponents() {
        assertEquals(1_000L, validFacts(LargeSboms.cycloneDx("1.4", 1_000)).get("sbom.components"));
    }

    @Test
    void acceptsAnSpdx23DocumentOfFifteenHundredPackages() {
        Map<String, Object> facts = validFacts(LargeSboms.spdx("SPDX-2.3", 1_500, 300));

        assertEquals(1_501L, facts.get("sbom.components"));
        assertEquals(300L, facts.get("sbom.files"));
        assertEquals(1_501, ((List<?>) facts.get("sbom.purls")).size());
        assertEquals(List.of("Apache-2.0", "BSD-3-Clause", "EPL-1.0", "EPL-2.0", "LGPL-2.1-only", "MIT", "MPL-2.0"),
                facts.get("sbom.licenses"));
    }

    @Test
    void acceptsAnSpdx22DocumentOfAThousandPackages() {
        assertEquals(1_001L, validFacts(LargeSboms.spdx("SPDX-2.2", 1_000, 100)).get("sbom.components"));
    }

    @Test
    void locatesAnErrorDeepInALargeBom() {
        Errors.assertOnly(Handlers.ERROR.validate(LargeSboms.cycloneDx("1.6", 1_500)
                        .set("/predicate/components/1111/hashes/0/alg", "\"SHA256\"").statement()),
                "/predicate/components/1111/hashes/0/alg", "does not have a value in the enumeration");
    }

    @Test
    void locatesAnErrorDeepInALargeSpdxDocument() {
        Errors.assertOnly(Handlers.ERROR.validate(LargeSboms.spdx("SPDX-2.3", 1_500, 300)
                        .remove("/predicate/packages/1234/SPDXID").statement()),
                "/predicate/packages/1234/SPDXID", "required member is missing");
    }

    @Test
    void reportsThousandsOfUnknownLicenceIdsInAHundredShortErrorsAndACount() {
        TestStatements bom = LargeSboms.cycloneDx("1.6", 10_000);
        int i = 0;
        for (JsonNode component : bom.document().at("/predicate/components")) {
            ((ObjectNode) component).putArray("licenses").addObject().putObject("license").put("id", "Unknown-" + i++);
        }

        List<ValidationError> errors = Errors.errors(Handlers.ERROR.validate(bom.statement()));

        assertEquals(101, errors.size());
        Errors.assertAt(errors.get(0), "/predicate/components/0/licenses/0/license/id",
                "is not an id of the SPDX licence list");
        assertEquals(new ValidationError("/predicate", "and " + (i - 100) + " more schema errors, not listed: one "
                + "validation lists at most 100; correct these and validate again"), errors.get(100));
        assertTrue(errors.stream().mapToInt(error -> error.message().length()).sum() < 30_000);
    }

    @Test
    void capsThePurlListOfABomWithMoreThanTenThousandPackageUrls() {
        Map<String, Object> facts = validFacts(LargeSboms.cycloneDx("1.4", 10_050));

        assertEquals(10_050L, facts.get("sbom.components"));
        assertEquals(10_000, ((List<?>) facts.get("sbom.purls")).size());
        assertEquals(Boolean.TRUE, facts.get("sbom.purls.truncated"));
    }

    @Test
    void generatesTheSameBomEveryTime() {
        assertEquals(LargeSboms.cycloneDx("1.6", 300).document(), LargeSboms.cycloneDx("1.6", 300).document());
        assertEquals(LargeSboms.spdx("SPDX-2.3", 300, 20).document(), LargeSboms.spdx("SPDX-2.3", 300, 20).document());
    }
}
