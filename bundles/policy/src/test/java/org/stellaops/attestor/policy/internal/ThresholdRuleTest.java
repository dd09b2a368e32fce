package org.stellaops.attestor.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stellaops.attestor.policy.internal.Fixtures.ALICE_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.BOB_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.CAROL_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.DAVE_SPKI;
import static org.stellaops.attestor.policy.internal.Fixtures.KEYS_FROM;
import static org.stellaops.attestor.policy.internal.Fixtures.LOGGED;
import static org.stellaops.attestor.policy.internal.Fixtures.key;

import java.time.Duration;
import java.util.List;
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

class ThresholdRuleTest {

    private static final String TWO_OF_SET = "{\"keySet\":\"release-signers\",\"min\":2}";
    private static final Duration HOUR = Duration.ofHours(1);

    private static VerificationContext.Builder signedBy(SignerKey... keys) {
        VerificationContext.Builder builder = Fixtures.context();
        for (int i = 0; i < keys.length; i++) {
            builder.signature(SignatureEvidence.verified(i, "hint-" + i, keys[i]));
        }
        return builder;
    }

    private static SignerKey bob(KeyLifecycle lifecycle) {
        return key("bob", 1, BOB_SPKI, lifecycle);
    }

    static Stream<Arguments> cases() {
        SignerKey alice = key("alice", ALICE_SPKI);
        SignerKey bob = key("bob", BOB_SPKI);
        SignerKey carol = key("carol", CAROL_SPKI);
        SignerKey dave = key("dave", DAVE_SPKI);
        // the same public key registered a second time under another name and key id
        SignerKey aliceAgain = new SignerKey("legacy-alice-id", "alice-legacy", 1, ALICE_SPKI,
                List.of("release-signers"), KeyLifecycle.validSince(KEYS_FROM));
        // the next version of alice's key: another key pair, but the same signer
        SignerKey aliceV2 = key("alice", 2, BOB_SPKI.replace('a', 'b').replace('0', 'f'),
                KeyLifecycle.validSince(KEYS_FROM));
        return Stream.of(
                Arguments.of("two distinct keys of the set", TWO_OF_SET, signedBy(alice, bob), Verdict.PASS,
                        "2 distinct signer(s) of key set release-signers (min 2): alice, bob"),
                Arguments.of("all three keys of the set", TWO_OF_SET, signedBy(alice, bob, carol), Verdict.PASS,
                        "3 distinct signer(s)"),
                Arguments.of("one key signing twice counts once", TWO_OF_SET, signedBy(alice, alice), Verdict.FAIL,
                        "only 1 distinct signer(s) of key set release-signers count, 2 required (alice); 1 further"
                                + " signature(s) by the same signer(s) count once"),
                Arguments.of("two key ids for one public key count once", TWO_OF_SET, signedBy(alice, aliceAgain),
                        Verdict.FAIL, "(alice=alice-legacy)"),
                Arguments.of("two versions of one key count once", TWO_OF_SET, signedBy(alice, aliceV2),
                        Verdict.FAIL, "only 1 distinct signer(s)"),
                Arguments.of("a key outside the set does not count", TWO_OF_SET, signedBy(alice, dave),
                        Verdict.FAIL, "only 1 distinct signer(s)"),
                Arguments.of("an unverified signature does not count", TWO_OF_SET, signedBy(alice)
                        .signature(SignatureEvidence.unverified(1, "bob")), Verdict.FAIL, "only 1"),
                Arguments.of("a signer revoked before the signing time does not count", TWO_OF_SET,
                        signedBy(alice, bob(new KeyLifecycle(KEYS_FROM, null, LOGGED.minus(HOUR), "superseded",
                                null))), Verdict.FAIL, "signature 1 by bob v1 is revoked"),
                Arguments.of("a signer revoked after the signing time counts", TWO_OF_SET,
                        signedBy(alice, bob(new KeyLifecycle(KEYS_FROM, null, LOGGED.plus(HOUR), "superseded",
                                null))), Verdict.PASS, "alice, bob"),
                Arguments.of("without trusted time a signer retired since the signing counts no more", TWO_OF_SET,
                        signedBy(alice, bob(new KeyLifecycle(KEYS_FROM, LOGGED.plus(HOUR), null, "", null)))
                                .trustedTime(TrustedTime.none()), Verdict.FAIL, "signature 1 by bob v1 is retired"),
                Arguments.of("an inline list of keys", "{\"keys\":[\"alice\",\"dave\"],\"min\":2}",
                        signedBy(alice, dave), Verdict.PASS, "of keys [alice, dave]"),
                Arguments.of("no signature at all", TWO_OF_SET, Fixtures.context(), Verdict.FAIL,
                        "only 0 distinct signer(s)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsDistinctSignersValidAtTheSigningTime(String name, String config, VerificationContext.Builder context,
                                                    Verdict expected, String reason) {
        Decision decision = new ThresholdRule().evaluate(context.build(), Fixtures.config(config));
        assertEquals(expected, decision.verdict(), decision.reason());
        assertTrue(decision.reason().contains(reason), decision.reason());
    }

    @Test
    void reportsTheDistinctSignersWithTheirSignatures() {
        Decision decision = new ThresholdRule().evaluate(signedBy(key("alice", ALICE_SPKI), key("alice", ALICE_SPKI),
                key("bob", BOB_SPKI)).build(), Fixtures.config(TWO_OF_SET));
        java.util.Map<String, Object> evidence = Evidence.normalize(decision.evidence());
        assertEquals(2L, evidence.get("distinctSigners"));
        assertEquals(List.of(
                java.util.Map.of("keys", List.of("alice"), "keyIds", List.of(ALICE_SPKI),
                        "spkiSha256", List.of(ALICE_SPKI), "signatures", List.of(0L, 1L)),
                java.util.Map.of("keys", List.of("bob"), "keyIds", List.of(BOB_SPKI), "spkiSha256", List.of(BOB_SPKI),
                        "signatures", List.of(2L))), evidence.get("signers"));
    }
}
