package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.LOGGED;
import static org.stellaops.attestor.policy.internal.Fixtures.NOW;
import static org.stellaops.attestor.policy.internal.Fixtures.checkpoint;
import static org.stellaops.attestor.policy.internal.Fixtures.cosignature;
import static org.stellaops.attestor.policy.internal.Fixtures.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.CosignatureEvidence;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;

class WitnessQuorumRuleTest {

    private static final String TWO_OF_THREE = "{\"witnesses\":[\"w1\",\"w2\",\"w3\"],\"min\":2}";
    private static final String IN_AN_HOUR = "{\"witnesses\":[\"w1\",\"w2\",\"w3\"],\"min\":2,\"window\":\"PT1H\"}";
    private static final Instant SOON = LOGGED.plus(Duration.ofMinutes(5));

    private static VerificationContext.Builder cosigned(CosignatureEvidence... cosignatures) {
        return Fixtures.context().logEntry(entry("rekor.example", 7, checkpoint(Consistency.NOT_CHECKED,
                cosignatures)));
    }

    static Stream<Arguments> cases() {
        CosignatureEvidence w1 = cosignature("w1", SOON);
        CosignatureEvidence w2 = cosignature("w2", SOON);
        LogEvidence mismatched = new LogEvidence(Fixtures.logId("rekor.example"), "rekor.example", 7, 0, true, true,
                99, "ef".repeat(32), checkpoint(Consistency.NOT_CHECKED, w1, w2), null);
        return Stream.of(
                Arguments.of("two named witnesses", TWO_OF_THREE, cosigned(w1, w2), Verdict.PASS,
                        "cosigned by 2 of the named witnesses (min 2): w1, w2"),
                Arguments.of("a witness cosigning twice counts once", TWO_OF_THREE,
                        cosigned(w1, cosignature("w1", SOON.plusSeconds(10))), Verdict.FAIL,
                        "cosigned by 1 of the named witnesses [w1, w2, w3], 2 required"),
                Arguments.of("a witness cosigning the checkpoints of two logs counts once", TWO_OF_THREE,
                        cosigned(w1).logEntry(entry("mirror.example", 3, checkpoint(Consistency.NOT_CHECKED, w1))),
                        Verdict.FAIL, "cosigned by 1"),
                Arguments.of("an unknown witness does not count", TWO_OF_THREE,
                        cosigned(w1, cosignature("w9", SOON)), Verdict.FAIL, "w9 on rekor.example#7: not a witness"
                                + " this rule names"),
                Arguments.of("a cosignature that does not verify", TWO_OF_THREE,
                        cosigned(w1, new CosignatureEvidence("w2", "0a0b0c0d", SOON, false)), Verdict.FAIL,
                        "does not verify with the witness's key"),
                Arguments.of("cosignatures on an inconsistent checkpoint", TWO_OF_THREE,
                        Fixtures.context().logEntry(mismatched), Verdict.FAIL,
                        "on a checkpoint that does not count: inconsistent checkpoint"),
                Arguments.of("cosignatures on a split view", TWO_OF_THREE,
                        Fixtures.context().logEntry(entry("rekor.example", 7, checkpoint(Consistency.INCONSISTENT,
                                w1, w2))), Verdict.FAIL, "split view"),
                Arguments.of("within the window after the trusted time", IN_AN_HOUR, cosigned(w1, w2), Verdict.PASS,
                        "w1, w2"),
                Arguments.of("outside the window", IN_AN_HOUR,
                        cosigned(w1, cosignature("w2", LOGGED.plus(Duration.ofHours(2)))), Verdict.FAIL,
                        "is more than PT1H after the trusted time"),
                Arguments.of("before the attestation's trusted time", IN_AN_HOUR,
                        cosigned(w1, cosignature("w2", LOGGED.minus(Duration.ofMinutes(10)))), Verdict.FAIL,
                        "is before the attestation's trusted time"),
                Arguments.of("a window without trusted time", IN_AN_HOUR,
                        cosigned(w1, w2).trustedTime(TrustedTime.none()), Verdict.FAIL,
                        "no trusted time to anchor the cosignature window"),
                Arguments.of("a timestamp from the future", TWO_OF_THREE,
                        cosigned(w1, cosignature("w2", NOW.plus(Duration.ofMinutes(10)))), Verdict.FAIL,
                        "after the verification time"),
                Arguments.of("a timestamp slightly ahead, within the clock skew", TWO_OF_THREE,
                        cosigned(w1, cosignature("w2", NOW.plusSeconds(20))), Verdict.PASS, "w1, w2"),
                Arguments.of("a cosignature older than maxAge", "{\"witnesses\":[\"w1\",\"w2\"],\"min\":2,"
                        + "\"maxAge\":\"PT2H\"}", cosigned(w1, w2), Verdict.FAIL, "before the verification time"),
                Arguments.of("an unreadable timestamp", TWO_OF_THREE,
                        cosigned(w1, new CosignatureEvidence("w2", "", null, true)), Verdict.FAIL,
                        "no readable timestamp"),
                Arguments.of("no cosignature at all", TWO_OF_THREE, cosigned(), Verdict.FAIL,
                        "no checkpoint carries a cosignature"),
                Arguments.of("only the named log's checkpoints count", "{\"witnesses\":[\"w1\",\"w2\"],\"min\":2,"
                        + "\"logs\":[\"mirror.example\"]}", cosigned(w1, w2), Verdict.FAIL, "cosigned by 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsDistinctNamedWitnessesOnVerifiedCheckpoints(String name, String config,
                                                           VerificationContext.Builder context, Verdict expected,
                                                           String reason) {
        Decision decision = new WitnessQuorumRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsEveryCosignatureWithWhetherItCounted() {
        Decision decision = new WitnessQuorumRule().evaluate(cosigned(cosignature("w2", SOON),
                cosignature("w9", SOON), cosignature("w1", SOON)).build(), Fixtures.config(TWO_OF_THREE));
        Map<String, Object> evidence = Evidence.normalize(decision.evidence());
        assertEquals(List.of("w1", "w2"), evidence.get("countedWitnesses"));
        List<Map<String, Object>> cosignatures = (List<Map<String, Object>>) evidence.get("cosignatures");
        assertEquals(List.of("w1", "w2", "w9"), cosignatures.stream().map(c -> c.get("witness")).toList());
        assertEquals(List.of(true, true, false), cosignatures.stream().map(c -> c.get("counted")).toList());
    }
}
