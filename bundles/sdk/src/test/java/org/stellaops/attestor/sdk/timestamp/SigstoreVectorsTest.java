package org.stellaops.attestor.sdk.timestamp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Tokens another implementation made (the Sigstore Python client's test TSA; see
 * {@code src/test/resources/timestamp/README.md}): whole TimeStampResp structures with an accuracy, checked against
 * that TSA's real certificate chain.
 */
class SigstoreVectorsTest {

    private static byte[] resource(String name) {
        try (InputStream in = SigstoreVectorsTest.class.getResourceAsStream("/timestamp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TimestampAuthority chain() {
        return TimestampAuthority.fromPem("chain", resource("sigstore-tsa-chain.pem"), "sigstore-tsa-chain.pem");
    }

    /** The intermediate and the root, without the TSA's own certificate: the token carries that one. */
    private static TimestampAuthority caCertificates() {
        return new TimestampAuthority("sigstore-test", chain().certificates().subList(1, 3));
    }

    @Test
    void verifiesTheBundlesTokenAgainstTheTsaCertificateAuthorities() {
        VerifiedTimestamp verified = SignedTimestamp.parse(resource("sigstore-timestamp-sha256.der"))
                .verify(resource("sigstore-signature.der"), List.of(caCertificates()));
        assertEquals(Instant.parse("2024-10-31T10:23:39Z"), verified.genTime());
        assertEquals(Duration.ofSeconds(1), verified.accuracy());
        assertEquals(Instant.parse("2024-10-31T10:23:40Z"), verified.latest());
        assertEquals("sigstore-test", verified.authority());
        assertEquals("SHA-256", verified.hashAlgorithm());
        assertEquals("CN=Test TSA Timestamping,O=local", verified.signerSubject());
        assertEquals("1.3.6.1.4.1.57264.2", verified.policy());
        assertEquals(new BigInteger("27C361DFDDE116A02CA94B824229282D95DBE471", 16), verified.serialNumber());
    }

    @Test
    void verifiesTheBundlesTokenAgainstTheWholeChainAsAnchors() {
        assertEquals("chain", SignedTimestamp.parse(resource("sigstore-timestamp-sha256.der"))
                .verify(resource("sigstore-signature.der"), List.of(chain())).authority());
    }

    @Test
    void refusesTheBundlesTokenWithTheRootAloneSinceTheTokenDoesNotCarryTheIntermediate() {
        TimestampAuthority root = TimestampAuthority.fromPem("root", resource("sigstore-tsa-root.pem"), "root");
        assertEquals(TimestampCodes.UNTRUSTED, assertThrows(TimestampException.class,
                () -> SignedTimestamp.parse(resource("sigstore-timestamp-sha256.der"))
                        .verify(resource("sigstore-signature.der"), List.of(root))).code());
    }

    @Test
    void refusesTheBundlesOtherTokenWhichTimestampsOtherBytes() {
        SignedTimestamp other = SignedTimestamp.parse(resource("sigstore-timestamp-other-data.der"));
        assertEquals("SHA-512", other.imprintAlgorithm());
        assertEquals(TimestampCodes.IMPRINT_MISMATCH, assertThrows(TimestampException.class,
                () -> other.verify(resource("sigstore-signature.der"), List.of(chain()))).code());
    }
}
