package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.ALICE_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.DAVE_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.KEYS_FROM;
import static org.stellaops.attestor.policy.internal.Fixtures.LOGGED;
import static org.stellaops.attestor.policy.internal.Fixtures.NOW;
import static org.stellaops.attestor.policy.internal.Fixtures.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.KeyLifecycle;
import org.stellaops.attestor.api.policy.SignatureEvidence;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;

class IssuerRuleTest {

    private static final String RELEASE = "{\"keySets\":[\"release-signers\"]}";
    private static final Duration HOUR = Duration.ofHours(1);

    private static SignerKey alice(KeyLifecycle lifecycle) {
        return key("alice", 1, ALICE_SPKI, lifecycle);
    }

    private static VerificationContext.Builder signedBy(SignerKey... keys) {
        VerificationContext.Builder builder = Fixtures.context();
        for (int i = 0; i < keys.length; i++) {
            builder.signature(SignatureEvidence.verified(i, "", keys[i]));
        }
        return builder;
    }

    static Stream<Arguments> cases() {
        KeyLifecycle revokedAfterSigning = new KeyLifecycle(KEYS_FROM, null, LOGGED.plus(HOUR), "superseded", null);
        KeyLifecycle revokedBeforeSigning = new KeyLifecycle(KEYS_FROM, null, LOGGED.minus(HOUR), "superseded", null);
        KeyLifecycle compromisedLater = new KeyLifecycle(KEYS_FROM, null, NOW, "key_compromise", LOGGED.plus(HOUR));
        return Stream.of(
                Arguments.of("a key of the allowed set, valid at the trusted time", RELEASE,
                        signedBy(key("alice", ALICE_SPKI)), Verdict.PASS, "signed by allowed key alice v1"),
                Arguments.of("a key named directly", "{\"keys\":[\"dave\"]}", signedBy(key("dave", DAVE_SPKI)),
                        Verdict.PASS, "dave v1"),
                Arguments.of("a key named by its SPKI digest", "{\"keys\":[\"sha256:" + ALICE_SPKI + "\"]}",
                        signedBy(key("alice", ALICE_SPKI)), Verdict.PASS, "alice"),
                Arguments.of("only a signature no trusted key verifies", RELEASE,
                        Fixtures.context().signature(SignatureEvidence.unverified(0, "alice")), Verdict.FAIL,
                        "no signature verifies with an allowed key"),
                Arguments.of("a trusted key outside the allowed set", RELEASE, signedBy(key("dave", DAVE_SPKI)),
                        Verdict.FAIL, "no signature verifies with an allowed key"),
                Arguments.of("a key revoked after the signing time", RELEASE, signedBy(alice(revokedAfterSigning)),
                        Verdict.PASS, "alice v1"),
                Arguments.of("a key revoked before the signing time", RELEASE, signedBy(alice(revokedBeforeSigning)),
                        Verdict.FAIL, "is revoked (revoked at 2026-05-01T08:00:00Z (superseded))"),
                Arguments.of("a compromised key whose signature trusted time places before the compromise", RELEASE,
                        signedBy(alice(compromisedLater)), Verdict.PASS, "alice v1"),
                Arguments.of("a compromised key without trusted time", RELEASE,
                        signedBy(alice(compromisedLater)).trustedTime(TrustedTime.none()), Verdict.FAIL,
                        "is compromised"),
                Arguments.of("a key retired before the signing time", RELEASE,
                        signedBy(alice(new KeyLifecycle(KEYS_FROM, LOGGED.minus(HOUR), null, "", null))),
                        Verdict.FAIL, "is retired"),
                Arguments.of("a key version not yet valid at the signing time", RELEASE,
                        signedBy(alice(KeyLifecycle.validSince(LOGGED.plus(HOUR)))), Verdict.FAIL,
                        "is not_yet_valid"),
                Arguments.of("no trusted time, key valid now: judged at the verification time", RELEASE,
                        signedBy(key("alice", ALICE_SPKI)).trustedTime(TrustedTime.none()), Verdict.PASS,
                        "verification time 2026-05-01T12:00:00Z (no trusted time)"),
                Arguments.of("no trusted time, key revoked between logging and now", RELEASE,
                        signedBy(alice(revokedAfterSigning)).trustedTime(TrustedTime.none()), Verdict.FAIL,
                        "is revoked"),
                Arguments.of("exclusive, and another trusted key also signed", "{\"keySets\":[\"release-signers\"],"
                        + "\"exclusive\":true}", signedBy(key("alice", ALICE_SPKI), key("dave", DAVE_SPKI)),
                        Verdict.FAIL, "signature 1 is by key dave v1, which this exclusive rule does not allow"),
                Arguments.of("exclusive, and an untrusted signature besides", "{\"keySets\":[\"release-signers\"],"
                        + "\"exclusive\":true}", signedBy(key("alice", ALICE_SPKI))
                        .signature(SignatureEvidence.unverified(1, "")), Verdict.PASS, "alice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesTheSignersAtTheTrustedSigningTime(String name, String config, VerificationContext.Builder context,
                                                Verdict expected, String reason) {
        Decision decision = new IssuerRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsEachSignatureWithItsKeyStateAndTheTimeSource() {
        Decision decision = new IssuerRule().evaluate(signedBy(key("alice", ALICE_SPKI)).build(),
                Fixtures.config(RELEASE));
        Map<String, Object> time = (Map<String, Object>) decision.evidence().get("time");
        assertEquals("log", ((Map<String, Object>) time.get("trustedTime")).get("source"));
        List<Map<String, Object>> signatures = (List<Map<String, Object>>) decision.evidence().get("signatures");
        assertEquals("active", signatures.get(0).get("status"));
        assertEquals(ALICE_SPKI, signatures.get(0).get("spkiSha256"));
    }
}
