package org.stellaops.attestor.predicate.scan;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.ConcurrentValidation;
import org.stellaops.attestor.testing.predicate.TestStatements;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ConcurrentValidation.assertSameResultsAsSequential(new ScanPredicateHandler(SubjectPolicy.WARNING), List.of(
                TestStatements.load("/statements/scan-results-alpine.json").statement(),
                TestStatements.load("/statements/scan-results-large.json").statement(),
                TestStatements.load("/statements/cosign-vuln-trivy.json").statement(),
                TestStatements.load("/statements/cosign-vuln-sarif.json").statement(),
                TestStatements.load("/statements/scan-results-alpine.json")
                        .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"").statement(),
                TestStatements.load("/statements/scan-results-alpine.json")
                        .set("/predicate/scan/startedOn", "\"2024-05-02T00:00:00Z\"")
                        .set("/predicate/findings/3/severity", "\"CRITICAL\"").statement(),
                TestStatements.load("/statements/cosign-vuln-grype.json").remove("/predicate/metadata").statement()),
                8, 42);
    }
}
