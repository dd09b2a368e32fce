package org.stellaops.attestor.predicate.sbom;

import org.stellaops.attestor.predicate.support.SubjectPolicy;

/**
 * Handler instances shared by the tests: a handler is immutable and thread-safe, and compiling its five schemas takes
 * most of a second, so each configuration is built once per test run.
 */
final class Handlers {

    /** Default configuration: subject policy error, cap 100,000. */
    static final SbomPredicateHandler ERROR = new SbomPredicateHandler(SubjectPolicy.ERROR,
            SbomPredicateHandler.DEFAULT_MAX_COMPONENTS);
    /** Subject policy warning. */
    static final SbomPredicateHandler WARNING = new SbomPredicateHandler(SubjectPolicy.WARNING,
            SbomPredicateHandler.DEFAULT_MAX_COMPONENTS);
    /** Subject policy off. */
    static final SbomPredicateHandler OFF = new SbomPredicateHandler(SubjectPolicy.OFF,
            SbomPredicateHandler.DEFAULT_MAX_COMPONENTS);

    private Handlers() {
    }
}
