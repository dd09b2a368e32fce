package org.stellaops.attestor.predicate.policyeval;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.ConcurrentValidation;
import org.stellaops.attestor.testing.predicate.TestStatements;

class ConcurrentValidationTest {

    @Test
    void givesEveryThreadTheSameResultsAsASequentialRun() throws Exception {
        ConcurrentValidation.assertSameResultsAsSequential(new PolicyEvaluationHandler(SubjectPolicy.WARNING), List.of(
                TestStatements.load("/statements/release-gate-fail.json").statement(),
                TestStatements.load("/statements/release-gate-pass.json").statement(),
                TestStatements.load("/statements/fleet-baseline-large.json").statement(),
                TestStatements.load("/statements/release-gate-fail.json")
                        .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"").statement(),
                TestStatements.load("/statements/release-gate-fail.json").set("/predicate/verdict", "\"pass\"")
                        .set("/predicate/rules/7/id", "\"builder-trusted\"").statement(),
                TestStatements.load("/statements/release-gate-pass.json").remove("/predicate/policy").statement()),
                8, 48);
    }
}
