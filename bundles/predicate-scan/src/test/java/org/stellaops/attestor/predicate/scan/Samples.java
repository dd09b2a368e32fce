package org.stellaops.attestor.predicate.scan;

import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** The sample statements in {@code src/test/resources/statements} and the handler most tests validate them with. */
final class Samples {

    /** The default configuration: subject policy error. */
    static final ScanPredicateHandler ERROR = new ScanPredicateHandler(SubjectPolicy.ERROR);

    private Samples() {
    }

    /** @return the ScanResults of an Alpine image, ready for edits */
    static TestStatements scan() {
        return TestStatements.load("/statements/scan-results-alpine.json");
    }

    /** @return what {@link #ERROR} says about the statement */
    static PredicateResult validate(TestStatements statement) {
        return ERROR.validate(statement.statement());
    }
}
