package org.stellaops.attestor.sdk.rekor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;

class RekorV2AcceptanceTest {

    private static final byte[] STATEMENT = "{\"_type\":\"https://in-toto.io/Statement/v1\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** A DSSE signature made over PAE with Signatures.sign, logged as a hashedrekord over H(PAE). */
    private static HashedRekordRequest dsseRequest(KeyPair kp, KeyAlgorithm alg) {
        Envelope env = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT, kp.getPrivate(), alg, "");
        return HashedRekord.forSignature(env, env.signatures().get(0), kp.getPublic(), alg);
    }

    private static void assertCode(String code, Executable call) {
        assertEquals(code, assertThrows(AttestorException.class, call).code());
    }

    @Test
    void acceptsEcdsaP256AndP384AndRsaPkcs1() {
        assertTrue(RekorV2.acceptsAlgorithm(KeyAlgorithm.ECDSA_P256_SHA256));
        assertTrue(RekorV2.acceptsAlgorithm(KeyAlgorithm.ECDSA_P384_SHA384));
        assertTrue(RekorV2.acceptsAlgorithm(KeyAlgorithm.RSA_PKCS1_SHA256));
    }

    @Test
    void doesNotAcceptPureEd25519OrRsaPss() {
        assertFalse(RekorV2.acceptsAlgorithm(KeyAlgorithm.ED25519));
        assertFalse(RekorV2.acceptsAlgorithm(KeyAlgorithm.RSA_PSS_SHA256));
    }

    @Test
    void p256DsseSignatureVerifiesAsAPrehashOverSha256OfPae() {
        assertDoesNotThrow(() -> RekorV2.checkAcceptable(dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256)));
    }

    @Test
    void p384DsseSignatureVerifiesAsAPrehashOverSha384OfPae() {
        HashedRekordRequest req = dsseRequest(TestKeys.P384, KeyAlgorithm.ECDSA_P384_SHA384);
        assertEquals(48, req.digest().length());
        assertDoesNotThrow(() -> RekorV2.checkAcceptable(req));
    }

    @Test
    void rsa2048DsseSignatureVerifiesAsAPrehashThroughItsDigestInfo() {
        assertDoesNotThrow(() -> RekorV2.checkAcceptable(dsseRequest(TestKeys.RSA2048, KeyAlgorithm.RSA_PKCS1_SHA256)));
    }

    @Test
    void rsa3072DsseSignatureIsAccepted() {
        assertDoesNotThrow(() -> RekorV2.checkAcceptable(dsseRequest(TestKeys.rsa3072(),
                KeyAlgorithm.RSA_PKCS1_SHA256)));
    }

    @Test
    void pureEd25519IsAnUnsupportedAlgorithm() {
        HashedRekordRequest req = dsseRequest(TestKeys.ED25519, KeyAlgorithm.ED25519);
        assertCode("rekor.unsupported_algorithm", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void rsaPssIsAnUnsupportedAlgorithm() {
        HashedRekordRequest req = dsseRequest(TestKeys.RSA2048, KeyAlgorithm.RSA_PSS_SHA256);
        assertCode("rekor.unsupported_algorithm", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void rsaKeyOfAnUnlistedSizeIsAnUnsupportedAlgorithm() {
        HashedRekordRequest req = dsseRequest(TestKeys.rsa(2560), KeyAlgorithm.RSA_PKCS1_SHA256);
        assertCode("rekor.unsupported_algorithm", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void digestOfTheWrongLengthIsAnInvalidRequest() {
        HashedRekordRequest good = dsseRequest(TestKeys.P384, KeyAlgorithm.ECDSA_P384_SHA384);
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(Arrays.copyOf(good.digest().value(), 32)),
                good.signature(), good.publicKey(), good.algorithm());
        assertCode("rekor.invalid_request", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void tamperedDigestIsABadSignature() {
        HashedRekordRequest good = dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] digest = good.digest().value();
        digest[0] ^= 1;
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(digest), good.signature(), good.publicKey(),
                good.algorithm());
        assertCode("rekor.bad_signature", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void tamperedRsaDigestIsABadSignature() {
        HashedRekordRequest good = dsseRequest(TestKeys.RSA2048, KeyAlgorithm.RSA_PKCS1_SHA256);
        byte[] digest = good.digest().value();
        digest[31] ^= 1;
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(digest), good.signature(), good.publicKey(),
                good.algorithm());
        assertCode("rekor.bad_signature", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void signatureOfAnotherKeyIsABadSignature() {
        HashedRekordRequest good = dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        HashedRekordRequest req = new HashedRekordRequest(good.digest(), good.signature(),
                Bytes.of(TestKeys.ec("secp256r1").getPublic().getEncoded()), good.algorithm());
        assertCode("rekor.bad_signature", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void garbageSignatureBytesAreABadSignature() {
        HashedRekordRequest good = dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        HashedRekordRequest req = new HashedRekordRequest(good.digest(), Bytes.of(new byte[] {1, 2, 3}),
                good.publicKey(), good.algorithm());
        assertCode("rekor.bad_signature", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void keyThatDoesNotMatchTheAlgorithmIsAnInvalidRequest() {
        HashedRekordRequest good = dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        HashedRekordRequest req = new HashedRekordRequest(good.digest(), good.signature(),
                Bytes.of(TestKeys.P384.getPublic().getEncoded()), good.algorithm());
        assertCode("rekor.invalid_request", () -> RekorV2.checkAcceptable(req));
    }

    @Test
    void parsedWireRequestPassesTheChecks() {
        HashedRekordRequest req = dsseRequest(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);
        assertDoesNotThrow(() -> RekorV2.checkAcceptable(RekorV2.parseRequest(RekorV2.requestJson(req),
                org.stellaops.attestor.sdk.json.JsonLimits.DEFAULT)));
    }
}
