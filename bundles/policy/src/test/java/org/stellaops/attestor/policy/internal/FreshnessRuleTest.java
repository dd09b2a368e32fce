package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.APP;
import static org.stellaops.attestor.policy.internal.Fixtures.LOGGED;
import static org.stellaops.attestor.policy.internal.Fixtures.NOW;
import static org.stellaops.attestor.policy.internal.Fixtures.OTHER;
import static org.stellaops.attestor.policy.internal.Fixtures.SCAN;
import static org.stellaops.attestor.policy.internal.Fixtures.VEX;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.AttestationLookup;
import org.stellaops.attestor.api.policy.RelatedAttestation;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;

class FreshnessRuleTest {

    private static final String DAY = "{\"maxAge\":\"PT24H\"}";
    private static final String VEX_NEWER = "{\"newerThan\":{\"predicateType\":\"" + SCAN + "\"}}";

    /** Stored attestations by (type, subject digest): what the core's lookup answers from. */
    private static AttestationLookup store(Map<String, RelatedAttestation> byTypeAndDigest) {
        return (type, digest) -> Optional.ofNullable(byTypeAndDigest.get(type + " " + digest));
    }

    private static RelatedAttestation scan(String id, TrustedTime time) {
        return new RelatedAttestation("sha256:" + id.repeat(64).substring(0, 64), SCAN, time);
    }

    private static TrustedTime logged(Instant at) {
        return TrustedTime.of(at, TimeSource.LOG, "rekor.example");
    }

    private static VerificationContext.Builder vexWith(Map<String, RelatedAttestation> stored) {
        return Fixtures.context().statement(Fixtures.statement(VEX)).lookup(store(stored));
    }

    static Stream<Arguments> cases() {
        Map<String, RelatedAttestation> olderScan = new HashMap<>();
        olderScan.put(SCAN + " " + APP, scan("1", logged(LOGGED.minusSeconds(3600))));
        Map<String, RelatedAttestation> newerScan = Map.of(SCAN + " " + APP, scan("2", logged(LOGGED.plusSeconds(60))));
        Map<String, RelatedAttestation> sameTimeScan = Map.of(SCAN + " " + APP, scan("3", logged(LOGGED)));
        Map<String, RelatedAttestation> untimedScan = Map.of(SCAN + " " + APP, scan("4", TrustedTime.none()));
        // a subject with two digests: a scan by the second digest is newer than the one by the first
        Map<String, RelatedAttestation> twoDigests = Map.of(SCAN + " " + APP, scan("5", logged(LOGGED.minusSeconds(60))),
                SCAN + " " + OTHER, scan("6", logged(LOGGED.plusSeconds(60))));
        Subject twoDigestSubject = new Subject("app", List.of(APP, OTHER));
        return Stream.of(
                Arguments.of("three hours old, a day allowed", DAY, Fixtures.context(), Verdict.PASS,
                        "the attestation is PT3H old (trusted time 2026-05-01T09:00:00Z from log), within PT24H"),
                Arguments.of("older than allowed", "{\"maxAge\":\"PT2H\"}", Fixtures.context(), Verdict.FAIL,
                        "is PT3H old (trusted time 2026-05-01T09:00:00Z from log), older than the maximum PT2H"),
                Arguments.of("the predicate type's own maximum wins over maxAge",
                        "{\"maxAge\":\"P7D\",\"maxAgeByPredicateType\":{\"" + SCAN + "\":\"PT1H\"}}",
                        Fixtures.context(), Verdict.FAIL, "older than the maximum PT1H"),
                Arguments.of("no maximum for this predicate type",
                        "{\"maxAgeByPredicateType\":{\"" + SCAN + "\":\"PT24H\"}}",
                        Fixtures.context().statement(Fixtures.statement(VEX)), Verdict.NOT_APPLICABLE,
                        "no maximum age is set for predicate type " + VEX),
                Arguments.of("missing trusted time", DAY, Fixtures.context().trustedTime(TrustedTime.none()),
                        Verdict.FAIL, "no trusted time"),
                Arguments.of("a time source the rule does not accept", "{\"maxAge\":\"PT24H\",\"timeSources\":[\"log\","
                        + "\"rfc3161\"]}", Fixtures.context().trustedTime(TrustedTime.of(LOGGED, TimeSource.SERVICE,
                        "")), Verdict.FAIL, "comes from service, which this rule does not accept"),
                Arguments.of("trusted time slightly ahead of the verifier's clock, within the skew", DAY,
                        Fixtures.context().trustedTime(logged(NOW.plusSeconds(30))), Verdict.PASS, "is PT0S old"),
                Arguments.of("trusted time ahead beyond the skew", DAY,
                        Fixtures.context().trustedTime(logged(NOW.plus(Duration.ofMinutes(5)))), Verdict.FAIL,
                        "is PT5M after the verification time, beyond the allowed clock skew PT1M"),
                Arguments.of("no skew allowed at all", "{\"maxAge\":\"PT24H\",\"maxClockSkew\":\"PT0S\"}",
                        Fixtures.context().trustedTime(logged(NOW.plusSeconds(1))), Verdict.FAIL,
                        "beyond the allowed clock skew PT0S"),
                Arguments.of("VEX newer than the scan", VEX_NEWER, vexWith(olderScan), Verdict.PASS,
                        "newer than every " + SCAN),
                Arguments.of("VEX older than the scan", VEX_NEWER, vexWith(newerScan), Verdict.FAIL,
                        "is not newer than the " + SCAN + " attestation"),
                Arguments.of("VEX as old as the scan", VEX_NEWER, vexWith(sameTimeScan), Verdict.FAIL,
                        "is not newer than"),
                Arguments.of("no scan to be newer than", VEX_NEWER, vexWith(Map.of()), Verdict.FAIL,
                        "no " + SCAN + " attestation exists about subject pkg:oci/acme/app"),
                Arguments.of("no scan, and none is required", "{\"newerThan\":{\"predicateType\":\"" + SCAN
                        + "\",\"required\":false}}", vexWith(Map.of()), Verdict.PASS, "newer than every"),
                Arguments.of("a scan without trusted time", VEX_NEWER, vexWith(untimedScan), Verdict.FAIL,
                        "has no trusted time, so the order cannot be established"),
                Arguments.of("the newest scan over all of a subject's digests", VEX_NEWER,
                        vexWith(twoDigests).statement(Fixtures.statement(VEX, twoDigestSubject)), Verdict.FAIL,
                        "is not newer than the " + SCAN + " attestation sha256:6666"),
                Arguments.of("newer but stale", "{\"maxAge\":\"PT1H\",\"newerThan\":{\"predicateType\":\"" + SCAN
                        + "\"}}", vexWith(olderScan), Verdict.FAIL, "older than the maximum PT1H"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void measuresTheAgeFromTheTrustedTime(String name, String config, VerificationContext.Builder context,
                                          Verdict expected, String reason) {
        Decision decision = new FreshnessRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsTheTimeItsSourceAndTheAge() {
        Map<String, Object> evidence = Evidence.normalize(new FreshnessRule().evaluate(Fixtures.context().build(),
                Fixtures.config(DAY)).evidence());
        Map<String, Object> trusted = (Map<String, Object>) ((Map<String, Object>) evidence.get("time"))
                .get("trustedTime");
        assertEquals(Map.of("instant", "2026-05-01T09:00:00Z", "source", "log", "detail", "rekor.example"), trusted);
        assertEquals("PT3H", evidence.get("age"));
        assertEquals("PT24H", evidence.get("maxAge"));
    }

    @Test
    void asksTheLookupAboutEachSubjectDigest() {
        List<Digest> asked = new java.util.ArrayList<>();
        AttestationLookup recording = (type, digest) -> {
            asked.add(digest);
            return Optional.empty();
        };
        new FreshnessRule().evaluate(Fixtures.context().statement(Fixtures.statement(VEX,
                new Subject("app", List.of(APP, OTHER)))).lookup(recording).build(),
                Fixtures.config("{\"newerThan\":{\"predicateType\":\"" + SCAN + "\",\"required\":false}}"));
        assertEquals(List.of(APP, OTHER), asked);
    }
}
