package org.stellaops.attestor.sdk.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.testing.TestTimestampAuthority;

class SignedTimestampTest {

    private static final TestTimestampAuthority TSA = TestTimestampAuthority.create("Acme");
    private static final TestTimestampAuthority OTHER = TestTimestampAuthority.create("Elsewhere");
    private static final byte[] DATA = "signature bytes".getBytes(StandardCharsets.UTF_8);
    private static final Instant GEN_TIME = Instant.parse("2026-03-01T12:00:00Z");

    private static TimestampException refusal(byte[] token, byte[] data, List<TimestampAuthority> authorities) {
        return assertThrows(TimestampException.class, () -> SignedTimestamp.parse(token).verify(data, authorities));
    }

    @Test
    void verifiesATokenOverTheGivenBytesAndSaysWhatItVouchesFor() {
        VerifiedTimestamp verified = SignedTimestamp.parse(TSA.token(DATA, GEN_TIME))
                .verify(DATA, List.of(TSA.authority("acme")));
        assertEquals(GEN_TIME, verified.genTime());
        assertEquals(Duration.ZERO, verified.accuracy());
        assertEquals(GEN_TIME, verified.latest());
        assertEquals("acme", verified.authority());
        assertEquals("SHA-256", verified.hashAlgorithm());
        assertEquals("CN=Acme TSA", verified.signerSubject());
        assertEquals(TestTimestampAuthority.POLICY, verified.policy());
        assertTrue(verified.serialNumber().signum() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3"})
    void acceptsSha384AndSha512Imprints(String oid) {
        byte[] token = TSA.token(DATA, GEN_TIME, new ASN1ObjectIdentifier(oid), true);
        SignedTimestamp parsed = SignedTimestamp.parse(token);
        assertTrue(parsed.covers(DATA));
        assertEquals(oid.endsWith(".2") ? "SHA-384" : "SHA-512", parsed.verify(DATA, List.of(
                TSA.authority("acme"))).hashAlgorithm());
    }

    @Test
    void acceptsAWholeTimeStampResponse() {
        assertEquals(GEN_TIME, SignedTimestamp.parse(TSA.response(DATA, GEN_TIME))
                .verify(DATA, List.of(TSA.authority("acme"))).genTime());
    }

    @Test
    void verifiesATokenWithoutCertificatesWithTheChainTheAuthorityHolds() {
        byte[] token = TSA.token(DATA, GEN_TIME, NISTObjectIdentifiers.id_sha256, false);
        assertEquals("acme", SignedTimestamp.parse(token).verify(DATA, List.of(TSA.chainAuthority("acme")))
                .authority());
    }

    @Test
    void refusesATokenWithoutCertificatesWhenTheAuthorityHoldsOnlyTheRoot() {
        byte[] token = TSA.token(DATA, GEN_TIME, NISTObjectIdentifiers.id_sha256, false);
        assertEquals(TimestampCodes.UNTRUSTED, refusal(token, DATA, List.of(TSA.authority("acme"))).code());
    }

    @Test
    void acceptsAnAuthorityThatHoldsTheSigningCertificateItself() {
        TimestampAuthority leafOnly = new TimestampAuthority("leaf", List.of(TSA.signer()));
        assertEquals("leaf", SignedTimestamp.parse(TSA.token(DATA, GEN_TIME)).verify(DATA, List.of(leafOnly))
                .authority());
    }

    @Test
    void namesTheFirstConfiguredAuthorityTheSignerChainsTo() {
        List<TimestampAuthority> authorities = List.of(OTHER.authority("elsewhere"), TSA.authority("first"),
                TSA.chainAuthority("second"));
        assertEquals("first", SignedTimestamp.parse(TSA.token(DATA, GEN_TIME)).verify(DATA, authorities)
                .authority());
    }

    @Test
    void refusesATokenOfAnUnknownAuthority() {
        TimestampException e = refusal(OTHER.token(DATA, GEN_TIME), DATA, List.of(TSA.authority("acme")));
        assertEquals(TimestampCodes.UNTRUSTED, e.code());
        assertTrue(e.getMessage().contains("unknown authority"), e.getMessage());
    }

    @Test
    void refusesEveryTokenWhenNoAuthorityIsConfigured() {
        assertEquals(TimestampCodes.UNTRUSTED, refusal(TSA.token(DATA, GEN_TIME), DATA, List.of()).code());
    }

    @Test
    void refusesATokenWhoseGenTimeWasAlteredAfterSigning() {
        byte[] altered = TestTimestampAuthority.withAlteredGenTime(TSA.token(DATA, GEN_TIME), GEN_TIME);
        assertEquals(GEN_TIME.plusSeconds(1), SignedTimestamp.parse(altered).claimedGenTime());
        assertEquals(TimestampCodes.INVALID_SIGNATURE, refusal(altered, DATA, List.of(TSA.authority("acme")))
                .code());
    }

    @Test
    void refusesATokenWhoseSignatureValueWasAltered() {
        byte[] altered = TestTimestampAuthority.withAlteredSignature(TSA.token(DATA, GEN_TIME));
        assertEquals(TimestampCodes.INVALID_SIGNATURE, refusal(altered, DATA, List.of(TSA.authority("acme")))
                .code());
    }

    @Test
    void refusesATokenOverOtherBytes() {
        byte[] token = TSA.token("other bytes".getBytes(StandardCharsets.UTF_8), GEN_TIME);
        assertFalse(SignedTimestamp.parse(token).covers(DATA));
        assertEquals(TimestampCodes.IMPRINT_MISMATCH, refusal(token, DATA, List.of(TSA.authority("acme"))).code());
    }

    @Test
    void refusesASha1Imprint() {
        byte[] token = TSA.token(DATA, GEN_TIME, OIWObjectIdentifiers.idSHA1, true);
        SignedTimestamp parsed = SignedTimestamp.parse(token);
        assertFalse(parsed.imprintSupported());
        assertFalse(parsed.covers(DATA));
        assertEquals("1.3.14.3.2.26", parsed.imprintAlgorithm());
        assertEquals(TimestampCodes.UNSUPPORTED_ALGORITHM, refusal(token, DATA, List.of(TSA.authority("acme")))
                .code());
    }

    @Test
    void refusesASignerCertificateWithoutTheTimeStampingUsage() {
        TestTimestampAuthority noUsage = TestTimestampAuthority.create("Plain", TestTimestampAuthority.NOT_BEFORE,
                TestTimestampAuthority.NOT_AFTER, false);
        TimestampException e = refusal(noUsage.token(DATA, GEN_TIME), DATA, List.of(noUsage.authority("plain")));
        assertEquals(TimestampCodes.UNTRUSTED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("extended key usage"), e.getMessage());
    }

    @Test
    void refusesATokenMadeOutsideTheSignerCertificatesValidity() {
        TestTimestampAuthority shortLived = TestTimestampAuthority.create("Brief",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), true);
        TimestampException e = refusal(shortLived.token(DATA, GEN_TIME), DATA,
                List.of(shortLived.authority("brief")));
        assertEquals(TimestampCodes.UNTRUSTED, e.code());
        assertTrue(e.getMessage().contains("not valid at the token's time"), e.getMessage());
    }

    @Test
    void refusesAResponseThatGrantedNothing() {
        TimestampException e = assertThrows(TimestampException.class,
                () -> SignedTimestamp.parse(TestTimestampAuthority.rejection()));
        assertEquals(TimestampCodes.MALFORMED, e.code());
    }

    @Test
    void refusesBytesThatAreNotAToken() {
        for (byte[] bytes : List.of(new byte[0], new byte[] {0x30, 0x03, 0x02, 0x01}, DATA,
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})) {
            assertEquals(TimestampCodes.MALFORMED, assertThrows(TimestampException.class,
                    () -> SignedTimestamp.parse(bytes)).code());
        }
    }

    @Test
    void refusesATokenWithTrailingBytes() {
        byte[] token = TSA.token(DATA, GEN_TIME);
        byte[] longer = java.util.Arrays.copyOf(token, token.length + 1);
        assertEquals(TimestampCodes.MALFORMED, assertThrows(TimestampException.class,
                () -> SignedTimestamp.parse(longer)).code());
    }

    @Test
    void refusesAnAuthorityWithoutNameOrCertificates() {
        assertEquals(TimestampCodes.BAD_AUTHORITY, assertThrows(TimestampException.class,
                () -> new TimestampAuthority(" ", List.of(TSA.root()))).code());
        assertEquals(TimestampCodes.BAD_AUTHORITY, assertThrows(TimestampException.class,
                () -> new TimestampAuthority("acme", List.of())).code());
        assertEquals(TimestampCodes.BAD_AUTHORITY, assertThrows(TimestampException.class,
                () -> TimestampAuthority.fromPem("acme", "no certificate here".getBytes(StandardCharsets.UTF_8),
                        "acme.pem")).code());
        assertEquals(TimestampCodes.BAD_AUTHORITY, assertThrows(TimestampException.class,
                () -> TimestampAuthority.fromPem("acme", ("-----BEGIN CERTIFICATE-----\nAAAA\n"
                        + "-----END CERTIFICATE-----\n").getBytes(StandardCharsets.UTF_8), "acme.pem")).code());
    }

    @Test
    void readsAnAuthorityFromPemText() {
        TimestampAuthority authority = TimestampAuthority.fromPem("acme",
                TestTimestampAuthority.pem(List.of(TSA.intermediate(), TSA.root())).getBytes(StandardCharsets.UTF_8),
                "acme.pem");
        assertEquals(List.of(TSA.intermediate(), TSA.root()), authority.certificates());
        assertEquals("acme", SignedTimestamp.parse(TSA.token(DATA, GEN_TIME)).verify(DATA, List.of(authority))
                .authority());
    }
}
