package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.ROOT;
import static org.stellaops.attestor.policy.internal.Fixtures.checkpoint;
import static org.stellaops.attestor.policy.internal.Fixtures.entry;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.CheckpointEvidence;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.VerificationContext;

class TransparencyRuleTest {

    private static final String REKOR = "rekor.example";
    private static final String MIRROR = "mirror.example";
    private static final String BOTH = "{\"logs\":[\"rekor.example\",\"mirror.example\"],\"min\":2}";
    private static final String IN_REKOR = "{\"logs\":[\"rekor.example\"]}";

    private static LogEvidence verified(String origin, long index) {
        return entry(origin, index, checkpoint(Consistency.NOT_CHECKED));
    }

    private static VerificationContext.Builder logged(LogEvidence... entries) {
        VerificationContext.Builder builder = Fixtures.context();
        for (LogEvidence entry : entries) {
            builder.logEntry(entry);
        }
        return builder;
    }

    static Stream<Arguments> cases() {
        CheckpointEvidence good = checkpoint(Consistency.NOT_CHECKED);
        LogEvidence proofNotVerified = new LogEvidence(Fixtures.logId(REKOR), REKOR, 7, 0, true, false, 100, ROOT,
                good, null);
        LogEvidence bodyMismatch = new LogEvidence(Fixtures.logId(REKOR), REKOR, 7, 0, false, true, 100, ROOT, good,
                null);
        LogEvidence proofForAnotherTree = new LogEvidence(Fixtures.logId(REKOR), REKOR, 7, 0, true, true, 99,
                "ef".repeat(32), good, null);
        LogEvidence unsignedCheckpoint = entry(REKOR, 7, new CheckpointEvidence(100, ROOT, false,
                Consistency.NOT_CHECKED, List.of()));
        return Stream.of(
                Arguments.of("a verified entry in the named log", IN_REKOR, logged(verified(REKOR, 7)), Verdict.PASS,
                        "in 1 log(s) (min 1): rekor.example"),
                Arguments.of("verified entries in both named logs", BOTH,
                        logged(verified(REKOR, 7), verified(MIRROR, 3)), Verdict.PASS,
                        "in 2 log(s) (min 2): mirror.example, rekor.example"),
                Arguments.of("two entries in one log count once", BOTH,
                        logged(verified(REKOR, 7), verified(REKOR, 8)), Verdict.FAIL,
                        "verified in 1 log(s) of [rekor.example, mirror.example], 2 required"),
                Arguments.of("an inclusion proof that does not verify", IN_REKOR, logged(proofNotVerified),
                        Verdict.FAIL, "rekor.example#7: the inclusion proof does not verify"),
                Arguments.of("a logged body that is not this signature's", IN_REKOR, logged(bodyMismatch),
                        Verdict.FAIL, "the logged body is not what the signature must be logged as"),
                Arguments.of("an inconsistent checkpoint: the proof is for another tree head", IN_REKOR,
                        logged(proofForAnotherTree), Verdict.FAIL, "inconsistent checkpoint: the proof is for tree"
                                + " size 99"),
                Arguments.of("a checkpoint the log's key did not sign", IN_REKOR, logged(unsignedCheckpoint),
                        Verdict.FAIL, "not signed by the registered log's key"),
                Arguments.of("a split view", IN_REKOR, logged(entry(REKOR, 7, checkpoint(Consistency.INCONSISTENT))),
                        Verdict.FAIL, "split view"),
                Arguments.of("consistency required but not checked", "{\"requireConsistency\":true}",
                        logged(verified(REKOR, 7)), Verdict.FAIL, "was not checked"),
                Arguments.of("consistency required and shown", "{\"requireConsistency\":true}",
                        logged(entry(REKOR, 7, checkpoint(Consistency.CONSISTENT))), Verdict.PASS, "rekor.example"),
                Arguments.of("not logged at all", "{}", logged(), Verdict.FAIL, "the attestation has no entry in any"
                        + " log"),
                Arguments.of("only in a log the rule does not name", IN_REKOR, logged(verified("tlog.local", 1)),
                        Verdict.FAIL, "no entry in any log of [rekor.example]"),
                Arguments.of("any log when none is named", "{}", logged(verified("tlog.local", 1)), Verdict.PASS,
                        "tlog.local"),
                Arguments.of("a log named by its id", "{\"logs\":[\"" + Fixtures.logId(MIRROR) + "\"]}",
                        logged(verified(MIRROR, 3)), Verdict.PASS, "mirror.example"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsDistinctLogsWithVerifiedEntries(String name, String config, VerificationContext.Builder context,
                                               Verdict expected, String reason) {
        Decision decision = new TransparencyRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }
}
