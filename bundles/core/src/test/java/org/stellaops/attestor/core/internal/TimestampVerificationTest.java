package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.KeyService.Revocation;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyVerification;
import org.stellaops.attestor.core.service.VerificationReport;
import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.testing.TestTimestampAuthority;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.TrustedKey.RevocationReason;
import org.stellaops.attestor.testing.MutableClock;

/**
 * RFC 3161 tokens brought to a verification: each token's own line, when they give a trusted time, and that the
 * signatures are judged at it.
 */
class TimestampVerificationTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final TestTimestampAuthority ACME = TestTimestampAuthority.create("Acme");
    private static final TestTimestampAuthority STRANGER = TestTimestampAuthority.create("Stranger");

    @TempDir
    Path directory;

    private Harness harness;
    private final KeyPair signer = TestKeys.p256();
    private final KeyPair second = TestKeys.p256();
    /** Keys are trusted a day before T0, the time of the submissions and questions. */
    private final MutableClock clock = new MutableClock(T0.minus(Duration.ofDays(1)));

    @AfterEach
    void stop() {
        harness.close();
    }

    private Harness start(Harness.Settings settings) throws Exception {
        Files.createDirectories(directory.resolve("tsa"));
        Files.writeString(directory.resolve("tsa/acme.pem"), ACME.rootPem());
        harness = new Harness(directory, settings.timestampAuthorities("acme=tsa/acme.pem"), clock);
        harness.trust(signer);
        harness.core.lifecycle().addExternal("second", PublicKeys.toPem(second.getPublic()), false, Harness.TENANT);
        harness.addLog(new TestLog("primary.test"), "primary");
        clock.advance(Duration.ofDays(1));
        return harness;
    }

    private Harness start() throws Exception {
        return start(Harness.Settings.defaults());
    }

    private byte[] signedByBoth() {
        return Harness.envelope(List.of(signer, second), Harness.algorithms(KeyAlgorithm.ECDSA_P256_SHA256,
                KeyAlgorithm.ECDSA_P256_SHA256));
    }

    private static Envelope envelope(byte[] json) {
        return DsseEnvelopes.parse(json, JsonLimits.DEFAULT).envelope();
    }

    private static byte[] signature(byte[] envelopeJson, int index) {
        return envelope(envelopeJson).signatures().get(index).sig().value();
    }

    /** A token over signature {@code index} made {@code offset} after T0. */
    private static byte[] token(byte[] envelopeJson, int index, Duration offset) {
        return ACME.token(signature(envelopeJson, index), T0.plus(offset));
    }

    private String submitLogged(byte[] envelopeJson) {
        String digest = harness.submit(envelopeJson).record().envelopeDigest();
        harness.awaitRecord(digest, "logged", r -> EntryRecord.LOGGED.equals(r.status()));
        return digest;
    }

    private EntryVerifier.Verified verified(byte[] envelopeJson, boolean stored, List<byte[]> tokens) {
        String digest = Harness.digestOf(envelopeJson);
        Optional<EntryRecord> record = stored ? Optional.of(harness.stored(digest)) : Optional.empty();
        return harness.verifier.verify(Harness.TENANT, digest, envelope(envelopeJson), record, true, tokens);
    }

    private static Check line(VerificationReport report, String name) {
        return report.checks().stream().filter(c -> c.check().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + name + " in " + report));
    }

    /** One row of the time rules: which signatures get tokens when, and the trusted time that follows. */
    record TimeRule(String name, boolean stored, List<Integer> signatures, List<Duration> offsets, TimeSource source,
                    Duration expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<TimeRule> timeRules() {
        Duration h1 = Duration.ofHours(1);
        Duration h2 = Duration.ofHours(2);
        Duration h3 = Duration.ofHours(3);
        return Stream.of(
                new TimeRule("a token on every signature gives the later of their times", false, List.of(0, 1),
                        List.of(h3.negated(), h2.negated()), TimeSource.RFC3161, h2.negated()),
                new TimeRule("a token on one of two trusted signatures gives no time", false, List.of(0),
                        List.of(h3.negated()), TimeSource.NONE, null),
                new TimeRule("each signature counts with its earliest token", false, List.of(0, 0, 1),
                        List.of(h1.negated(), h3.negated(), h2.negated()), TimeSource.RFC3161, h2.negated()),
                new TimeRule("tokens earlier than the acceptance time win", true, List.of(0, 1),
                        List.of(h1.negated(), h1.negated()), TimeSource.RFC3161, h1.negated()),
                new TimeRule("tokens later than the acceptance time lose to it", true, List.of(0, 1),
                        List.of(h1, h1), TimeSource.SERVICE, Duration.ZERO),
                new TimeRule("partial coverage leaves the acceptance time", true, List.of(1),
                        List.of(h3.negated()), TimeSource.SERVICE, Duration.ZERO));
    }

    @ParameterizedTest
    @MethodSource("timeRules")
    void appliesTheTimeRules(TimeRule rule) throws Exception {
        start();
        byte[] envelopeJson = signedByBoth();
        if (rule.stored()) {
            submitLogged(envelopeJson);
        }
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < rule.signatures().size(); i++) {
            tokens.add(token(envelopeJson, rule.signatures().get(i), rule.offsets().get(i)));
        }
        EntryVerifier.Verified verified = verified(envelopeJson, rule.stored(), tokens);
        TrustedTime time = verified.trustedTime();
        assertEquals(rule.source(), time.source(), verified.report()::toString);
        if (rule.expected() != null) {
            assertEquals(T0.plus(rule.expected()), time.instant());
            assertEquals(T0.plus(rule.expected()), verified.judged().signingTime());
            assertTrue(verified.judged().trustedTime());
        }
        assertEquals(rule.source() == TimeSource.RFC3161 ? "acme" : rule.stored() ? StoredAttestations.ACCEPTED : "",
                time.detail());
        for (int i = 0; i < tokens.size(); i++) {
            assertTrue(line(verified.report(), "timestamp[" + i + "]").ok(), verified.report()::toString);
        }
        boolean covered = rule.signatures().containsAll(List.of(0, 1));
        assertEquals(covered, line(verified.report(), VerificationReport.TIMESTAMP_COVERAGE).ok());
        if (rule.stored()) {
            assertTrue(verified.report().verified(), "an uncovered signature informs, it never fails the verdict: "
                    + verified.report());
        }
    }

    @Test
    void aSignatureByAnUntrustedKeyNeedsNoToken() throws Exception {
        start();
        KeyPair stranger = TestKeys.p256();
        byte[] envelopeJson = Harness.envelope(List.of(signer, stranger), Harness.algorithms(
                KeyAlgorithm.ECDSA_P256_SHA256, KeyAlgorithm.ECDSA_P256_SHA256));
        EntryVerifier.Verified verified = verified(envelopeJson, false, List.of(token(envelopeJson, 0,
                Duration.ofHours(-1)), token(envelopeJson, 1, Duration.ofHours(-5))));
        assertEquals(TrustedTime.of(T0.minus(Duration.ofHours(1)), TimeSource.RFC3161, "acme"),
                verified.trustedTime());
        assertTrue(line(verified.report(), "timestamp[1]").detail().contains("verified by no trusted key"),
                verified.report()::toString);
    }

    @Test
    void reportsWhatEachTokenVouchesFor() throws Exception {
        start();
        byte[] envelopeJson = signedByBoth();
        Check line = line(verified(envelopeJson, false, List.of(token(envelopeJson, 1, Duration.ofMinutes(-90))))
                .report(), "timestamp[0]");
        assertTrue(line.ok());
        assertTrue(line.detail().startsWith("authority acme, genTime 2026-05-01T10:30:00Z, serial "), line.detail());
        assertTrue(line.detail().endsWith("SHA-256 imprint of signature 1"), line.detail());
    }

    @Test
    void aTokenOfAnUnknownAuthorityFailsAnOtherwiseVerifiedRecord() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = submitLogged(envelopeJson);
        assertTrue(harness.core.verify(new VerifyRequest(digest, null, null), Harness.WHO).verified());
        byte[] foreign = STRANGER.token(signature(envelopeJson, 0), T0.minusSeconds(60));
        VerificationReport report = harness.core.verify(new VerifyRequest(digest, null, null, List.of(foreign)),
                Harness.WHO);
        assertFalse(report.verified());
        Check line = line(report, "timestamp[0]");
        assertFalse(line.ok());
        assertTrue(line.detail().contains("unknown authority") && line.detail().endsWith("(timestamp.untrusted)"),
                line.detail());
    }

    @Test
    void aTamperedTokenFailsTheVerdict() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = submitLogged(envelopeJson);
        Instant genTime = T0.minusSeconds(60);
        byte[] tampered = TestTimestampAuthority.withAlteredGenTime(ACME.token(signature(envelopeJson, 0), genTime),
                genTime);
        VerificationReport report = harness.core.verify(new VerifyRequest(digest, null, null, List.of(tampered)),
                Harness.WHO);
        assertFalse(report.verified());
        assertTrue(line(report, "timestamp[0]").detail().endsWith("(timestamp.invalid_signature)"),
                report::toString);
    }

    @Test
    void aTokenOverAnotherEnvelopesSignatureMatchesNoSignature() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] other = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = submitLogged(envelopeJson);
        VerificationReport report = harness.core.verify(new VerifyRequest(digest, null, null,
                List.of(token(other, 0, Duration.ofMinutes(-1)))), Harness.WHO);
        assertFalse(report.verified());
        Check line = line(report, "timestamp[0]");
        assertTrue(line.detail().contains("matches no signature of this envelope")
                && line.detail().endsWith("(timestamp.imprint_mismatch)"), line.detail());
        assertFalse(line(report, VerificationReport.TIMESTAMP_COVERAGE).ok());
    }

    @Test
    void aTokenThatIsNoTokenOrHashesWithSha1FailsItsLine() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] sha1 = ACME.token(signature(envelopeJson, 0), T0.minusSeconds(60),
                org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1, true);
        VerificationReport report = verified(envelopeJson, false, List.of(new byte[] {0x30, 0x00}, sha1,
                TestTimestampAuthority.rejection())).report();
        assertTrue(line(report, "timestamp[0]").detail().endsWith("(timestamp.malformed)"), report::toString);
        assertTrue(line(report, "timestamp[1]").detail().endsWith("(timestamp.unsupported_algorithm)"),
                report::toString);
        assertTrue(line(report, "timestamp[2]").detail().endsWith("(timestamp.malformed)"), report::toString);
        assertFalse(line(report, VerificationReport.TIMESTAMP_COVERAGE).ok());
    }

    @Test
    void refusesMoreThanSixteenTokens() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        List<byte[]> tokens = java.util.Collections.nCopies(17, token(envelopeJson, 0, Duration.ofMinutes(-1)));
        org.stellaops.attestor.sdk.AttestorException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.stellaops.attestor.sdk.AttestorException.class, () -> harness.core.verify(
                        new VerifyRequest(null, envelopeJson, null, tokens), Harness.WHO));
        assertEquals("request.malformed", refused.code());
    }

    @Test
    void aKeyCompromisedAfterTheTokenTimeStillCounts() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        compromise(signer, T0.minus(Duration.ofHours(1)));
        EntryVerifier.Verified early = verified(envelopeJson, false,
                List.of(token(envelopeJson, 0, Duration.ofHours(-2))));
        assertTrue(line(early.report(), "signature[0]").ok(), early.report()::toString);
        assertTrue(line(early.report(), "signers").ok());
        assertTrue(early.judged().counted().anyVerified());
    }

    @Test
    void aKeyCompromisedBeforeTheTokenTimeDoesNotCount() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        compromise(signer, T0.minus(Duration.ofHours(1)));
        EntryVerifier.Verified late = verified(envelopeJson, false,
                List.of(token(envelopeJson, 0, Duration.ofMinutes(-30))));
        assertFalse(line(late.report(), "signature[0]").ok());
        assertTrue(line(late.report(), "signature[0]").detail().contains("revoked for compromise"));
        assertFalse(late.judged().counted().anyVerified());
        EntryVerifier.Verified without = verified(envelopeJson, false, List.of());
        assertFalse(without.judged().counted().anyVerified(), "without a trusted time a compromise refuses");
    }

    @Test
    void aTokenFromBeforeTheKeyVersionWasValidMakesItsSignatureNotCount() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        EntryVerifier.Verified verified = verified(envelopeJson, false,
                List.of(token(envelopeJson, 0, Duration.ofDays(-2))));
        assertEquals(TimeSource.RFC3161, verified.trustedTime().source());
        assertTrue(line(verified.report(), "signature[0]").detail().contains("valid only from"),
                verified.report()::toString);
        assertFalse(verified.judged().counted().anyVerified());
    }

    private void compromise(KeyPair key, Instant since) {
        harness.core.keys().revoke(PublicKeys.keyId(key.getPublic()),
                new Revocation(RevocationReason.KEY_COMPROMISE, since), Harness.WHO);
    }

    @Test
    void aPolicyIsJudgedAtTheRfc3161TimeOfAnEnvelopeNeverSubmitted() throws Exception {
        start(Harness.Settings.defaults().with("verificationCacheEntries", 0));
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        compromise(signer, T0.minus(Duration.ofHours(1)));
        VerifyRequest request = new VerifyRequest(null, envelopeJson, null,
                List.of(token(envelopeJson, 0, Duration.ofHours(-2))));
        PolicyRequest policy = PolicyRequest.inline(PolicyVerificationTest.policy("signed",
                PolicyVerificationTest.SIGNED_BY_SIGNER), null, false);
        PolicyVerification first = harness.core.verify(request, policy, Harness.WHO);
        JsonNode decision = StrictJson.parse(first.policy().decisionJson(), JsonLimits.DEFAULT);
        assertEquals("rfc3161", decision.at("/trustedTime/source").asText());
        assertEquals("acme", decision.at("/trustedTime/detail").asText());
        assertEquals("2026-05-01T10:00:00Z", decision.at("/trustedTime/instant").asText());
        assertEquals("pass", first.policy().verdict(), () -> new String(first.policy().decisionJson(),
                StandardCharsets.UTF_8));
        PolicyVerification again = harness.core.verify(request, policy, Harness.WHO);
        assertArrayEquals(first.policy().decisionJson(), again.policy().decisionJson());
        assertEquals(first.report(), again.report());
    }

    @Test
    void theSameRequestGivesTheSameReport() throws Exception {
        start(Harness.Settings.defaults().with("verificationCacheEntries", 0));
        byte[] envelopeJson = signedByBoth();
        String digest = submitLogged(envelopeJson);
        VerifyRequest request = new VerifyRequest(digest, null, null, List.of(token(envelopeJson, 0,
                Duration.ofHours(-1)), token(envelopeJson, 1, Duration.ofHours(-2))));
        VerificationReport first = harness.core.verify(request, Harness.WHO);
        assertTrue(first.verified(), first::toString);
        assertEquals(first, harness.core.verify(request, Harness.WHO));
    }

    @Test
    void aBatchItemIsVerifiedWithItsTokens() throws Exception {
        start();
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        String digest = submitLogged(envelopeJson);
        byte[] foreign = STRANGER.token(signature(envelopeJson, 0), T0.minusSeconds(60));
        var outcomes = harness.core.verifyBatch(List.of(new VerifyRequest(digest, null, null,
                List.of(token(envelopeJson, 0, Duration.ofMinutes(-5)))), new VerifyRequest(digest, null, null,
                List.of(foreign))), Harness.WHO);
        assertTrue(outcomes.get(0).report().verified(), outcomes.get(0).report()::toString);
        assertFalse(outcomes.get(1).report().verified());
    }

    @Test
    void tokensAreRefusedAsUnknownWhenNoAuthorityIsConfigured() throws Exception {
        harness = new Harness(directory, Harness.Settings.defaults(), clock);
        harness.trust(signer);
        clock.advance(Duration.ofDays(1));
        byte[] envelopeJson = Harness.envelope(signer, KeyAlgorithm.ECDSA_P256_SHA256);
        EntryVerifier.Verified verified = verified(envelopeJson, false,
                List.of(token(envelopeJson, 0, Duration.ofMinutes(-1))));
        assertFalse(line(verified.report(), "timestamp[0]").ok());
        assertEquals(TrustedTime.none(), verified.trustedTime());
    }
}
