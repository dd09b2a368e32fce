package org.stellaops.attestor.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;

class EvidenceModelTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final String SPKI = "ab".repeat(32);
    private static final String ROOT = "cd".repeat(32);

    private static Statement statement() {
        return new Statement(Statement.TYPE_V1, List.of(new Subject("app", List.of(new Digest("sha256", "11".repeat(32))))),
                "https://example.com/p", Map.of(), Bytes.EMPTY);
    }

    private static SignerKey key(Instant validFrom) {
        return new SignerKey("kid", "release", 1, SPKI, List.of("b", "a", "a"), KeyLifecycle.validSince(validFrom));
    }

    @Test
    void trustedTimeHasAnInstantExactlyWhenItHasASource() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedTime(null, TimeSource.LOG, "x"));
        assertThrows(IllegalArgumentException.class, () -> new TrustedTime(NOW, TimeSource.NONE, ""));
        assertFalse(TrustedTime.none().present());
        assertTrue(TrustedTime.of(NOW, TimeSource.RFC3161, "tsa").present());
    }

    @Test
    void timeSourcesRoundTripThroughTheirWireNames() {
        for (TimeSource source : TimeSource.values()) {
            assertEquals(source, TimeSource.fromWireName(source.wireName()));
        }
        assertThrows(IllegalArgumentException.class, () -> TimeSource.fromWireName("LOG"));
    }

    @Test
    void aSignerKeyMatchesItsNameIdAndSpkiDigestAndSortsItsKeySets() {
        SignerKey key = key(NOW);
        assertTrue(key.matches("release"));
        assertTrue(key.matches("kid"));
        assertTrue(key.matches("sha256:" + SPKI));
        assertFalse(key.matches(SPKI));
        assertEquals(List.of("a", "b"), key.keySets());
    }

    @Test
    void aVerifiedSignatureNamesItsKeyAndAnUnverifiedOneNone() {
        assertThrows(IllegalArgumentException.class, () -> new SignatureEvidence(0, "", true, null));
        assertThrows(IllegalArgumentException.class, () -> new SignatureEvidence(0, "", false, key(NOW)));
        assertTrue(SignatureEvidence.unverified(1, null).signer().isEmpty());
    }

    @Test
    void signaturesAreJudgedAtTheVerificationTimeWhenThereIsNoTrustedTime() {
        SignatureEvidence signature = SignatureEvidence.verified(0, "", key(NOW.minusSeconds(10)));
        VerificationContext untimed = context().signature(signature).build();
        assertEquals(NOW, untimed.signingTime());
        assertEquals(KeyStatus.ACTIVE, signature.statusIn(untimed).orElseThrow());
        VerificationContext early = context().signature(signature)
                .trustedTime(TrustedTime.of(NOW.minusSeconds(60), TimeSource.LOG, "log")).build();
        assertEquals(KeyStatus.NOT_YET_VALID, signature.statusIn(early).orElseThrow());
    }

    @Test
    void refusesTwoSignaturesWithTheSameIndex() {
        SignatureEvidence signature = SignatureEvidence.unverified(0, "");
        assertThrows(IllegalArgumentException.class,
                () -> context().signature(signature).signature(signature).build());
    }

    @Test
    void anEntryIsVerifiedOnlyWhenItsProofMatchesItsConsistentSignedCheckpoint() {
        CheckpointEvidence good = new CheckpointEvidence(10, ROOT, true, Consistency.NOT_CHECKED, List.of());
        assertTrue(entry(10, good).verified());
        assertFalse(entry(9, good).verified(), "proof for another tree size");
        assertFalse(entry(10, new CheckpointEvidence(10, ROOT, true, Consistency.INCONSISTENT, List.of())).verified());
        assertFalse(entry(10, new CheckpointEvidence(10, ROOT, false, Consistency.CONSISTENT, List.of())).verified());
    }

    @Test
    void factsNeedTheHandlerThatDerivedThem() {
        assertThrows(IllegalArgumentException.class, () -> context().facts(Map.of("a", 1L), ""));
        VerificationContext opaque = context().build();
        assertFalse(opaque.hasFacts());
        assertTrue(context().facts(Map.of("a", 1L), "h/1").build().hasFacts());
    }

    @Test
    void anEnvironmentKnowsTheMembersOfItsKeySetsAsKeys() {
        PolicyEnvironment env = PolicyEnvironment.builder().keySet("release", List.of("a", "b")).logs("log")
                .witnesses("w").build();
        assertTrue(env.knowsKey("a"));
        assertEquals(2, env.keySet("release").orElseThrow().size());
        assertTrue(env.keySet("other").isEmpty());
        assertTrue(env.knowsLog("log") && env.knowsWitness("w"));
    }

    private static LogEvidence entry(long proofSize, CheckpointEvidence checkpoint) {
        return new LogEvidence("00", "log", 3, 0, true, true, proofSize, ROOT, checkpoint, null);
    }

    private static VerificationContext.Builder context() {
        return VerificationContext.builder().envelopeDigest("sha256:" + "00".repeat(32)).statement(statement())
                .verificationTime(NOW);
    }
}
