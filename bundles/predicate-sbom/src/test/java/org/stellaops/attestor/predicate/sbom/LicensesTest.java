package org.stellaops.attestor.predicate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LicensesTest {

    private final Licenses licenses = new Licenses();

    private Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        licenses.putFacts(facts);
        return facts;
    }

    @Test
    void takesASingleIdentifierAsALicenceAndNotAsAnExpression() {
        assertTrue(licenses.addExpression(" MIT "));

        assertEquals(List.of("MIT"), facts().get("sbom.licenses"));
        assertEquals(List.of(), facts().get("sbom.licenseExpressions"));
    }

    @Test
    void splitsACompoundExpressionIntoItsLicencesAndKeepsItAsWritten() {
        licenses.addExpression("(MIT OR Apache-2.0) AND (BSD-3-Clause OR GPL-2.0-or-later)");

        assertEquals(List.of("Apache-2.0", "BSD-3-Clause", "GPL-2.0-or-later", "MIT"), facts().get("sbom.licenses"));
        assertEquals(List.of("(MIT OR Apache-2.0) AND (BSD-3-Clause OR GPL-2.0-or-later)"),
                facts().get("sbom.licenseExpressions"));
    }

    @Test
    void leavesTheExceptionAfterWithOutOfTheLicences() {
        licenses.addExpression("GPL-2.0-only WITH Classpath-exception-2.0");

        assertEquals(List.of("GPL-2.0-only"), facts().get("sbom.licenses"));
    }

    @Test
    void readsLowercaseOperatorsAsOperators() {
        licenses.addExpression("mit or apache-2.0");

        assertEquals(List.of("apache-2.0", "mit"), facts().get("sbom.licenses"));
    }

    @Test
    void keepsReferencesToLicencesOfOtherDocuments() {
        licenses.addExpression("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");

        assertEquals(List.of("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"), facts().get("sbom.licenses"));
    }

    @Test
    void findsNoLicenceInNoAssertionOrNone() {
        assertFalse(licenses.addExpression("NOASSERTION"));
        assertFalse(licenses.addExpression("NONE"));
        assertFalse(licenses.addExpression("( )"));

        assertEquals(List.of(), facts().get("sbom.licenses"));
        assertEquals(List.of(), facts().get("sbom.licenseExpressions"));
    }

    @Test
    void countsComponentsWithoutLicence() {
        licenses.addComponentWithoutLicense();
        licenses.addComponentWithoutLicense();

        assertEquals(2L, facts().get("sbom.componentsWithoutLicense"));
    }
}
