package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.APP;
import static org.stellaops.attestor.policy.internal.Fixtures.OTHER;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.VerificationContext;

class SubjectRuleTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the requested digest is a subject's", "{}",
                        Fixtures.context().requestedSubject(APP), Verdict.PASS, "about the requested subject " + APP),
                Arguments.of("another artifact was asked about", "{}", Fixtures.context().requestedSubject(OTHER),
                        Verdict.FAIL, "the statement is not about " + OTHER),
                Arguments.of("the same value under another algorithm", "{}",
                        Fixtures.context().requestedSubject(new Digest("sha512", APP.hex())), Verdict.FAIL,
                        "is not about sha512:"),
                Arguments.of("nothing was asked about", "{\"requested\":true}", Fixtures.context(), Verdict.FAIL,
                        "no subject digest was asked about"),
                Arguments.of("one of the listed digests", "{\"digests\":[\"" + OTHER + "\",\"" + APP + "\"]}",
                        Fixtures.context(), Verdict.PASS, "a subject matches"),
                Arguments.of("none of the listed digests", "{\"digests\":[\"" + OTHER + "\"]}", Fixtures.context(),
                        Verdict.FAIL, "no subject has one of the digests"),
                Arguments.of("a name glob", "{\"names\":[\"pkg:oci/acme/*\"]}", Fixtures.context(), Verdict.PASS,
                        "a subject matches [pkg:oci/acme/*]"),
                Arguments.of("a name glob of another project", "{\"names\":[\"pkg:oci/other/*\"]}",
                        Fixtures.context(), Verdict.FAIL, "no subject name matches"),
                Arguments.of("requested and a name glob together", "{\"requested\":true,\"names\":[\"pkg:*\"]}",
                        Fixtures.context().requestedSubject(APP), Verdict.PASS, "requested subject"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void comparesTheSubjectsWithWhatWasAskedAbout(String name, String config, VerificationContext.Builder context,
                                                  Verdict expected, String reason) {
        Decision decision = new SubjectRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }
}
