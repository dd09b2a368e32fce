package org.stellaops.attestor.predicate.slsa;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.testing.predicate.ConcurrentValidation;
import org.stellaops.attestor.testing.predicate.TestStatements;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ConcurrentValidation.assertSameResultsAsSequential(new SlsaProvenanceHandler(), List.of(
                TestStatements.load("/provenance/github-actions-v1.json").statement(),
                TestStatements.load("/provenance/full-v1.json").statement(),
                TestStatements.load("/provenance/generator-generic-v02.json").statement(),
                TestStatements.load("/provenance/github-actions-v1.json")
                        .set("/predicate/runDetails/metadata/startedOn", "\"yesterday\"").statement(),
                TestStatements.load("/provenance/generator-generic-v02.json").remove("/predicate/builder").statement()),
                8, 200);
    }
}
