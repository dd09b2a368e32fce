package org.stellaops.attestor.predicate.sbom;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.testing.predicate.ConcurrentValidation;
import org.stellaops.attestor.testing.predicate.TestStatements;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ConcurrentValidation.assertSameResultsAsSequential(Handlers.WARNING, List.of(
                TestStatements.load("/sbom/cyclonedx-1.4.json").statement(),
                TestStatements.load("/sbom/cyclonedx-1.5.json").statement(),
                TestStatements.load("/sbom/cyclonedx-1.6.json").statement(),
                TestStatements.load("/sbom/spdx-2.2.json").statement(),
                TestStatements.load("/sbom/spdx-2.3.json").statement(),
                LargeSboms.cycloneDx("1.6", 400).statement(),
                TestStatements.load("/sbom/cyclonedx-1.6.json").set("/predicate/metadata/timestamp", "\"now\"")
                        .statement(),
                TestStatements.load("/sbom/spdx-2.3.json").predicateType("https://spdx.dev/Document/v2.2").statement(),
                TestStatements.load("/sbom/spdx-2.2.json").subject("x", "sha256", LargeSboms.sha256("x")).statement(),
                TestStatements.load("/sbom/cyclonedx-1.5.json").remove("/predicate/components/3/name").statement()),
                8, 60);
    }
}
