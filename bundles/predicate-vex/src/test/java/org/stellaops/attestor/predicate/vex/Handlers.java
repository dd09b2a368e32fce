package org.stellaops.attestor.predicate.vex;

import org.stellaops.attestor.predicate.support.SubjectPolicy;

/**
 * One handler per subject policy, shared by the tests: compiling the four schemas is the expensive part, and a handler
 * is immutable apart from its policy, which the tests using these instances never change.
 */
final class Handlers {

    static final VexHandler ERROR = new VexHandler(SubjectPolicy.ERROR);
    static final VexHandler WARNING = new VexHandler(SubjectPolicy.WARNING);
    static final VexHandler OFF = new VexHandler(SubjectPolicy.OFF);

    private Handlers() {
    }
}
