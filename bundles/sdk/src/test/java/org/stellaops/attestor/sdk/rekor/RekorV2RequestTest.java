package org.stellaops.attestor.sdk.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.JsonLimits;

class RekorV2RequestTest {

    private static HashedRekordRequest request(KeyPair kp, KeyAlgorithm alg) {
        Envelope env = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, "{}".getBytes(StandardCharsets.UTF_8),
                kp.getPrivate(), alg, "");
        return HashedRekord.forSignature(env, env.signatures().get(0), kp.getPublic(), alg);
    }

    private static final HashedRekordRequest P256 = request(TestKeys.P256, KeyAlgorithm.ECDSA_P256_SHA256);

    private static String json(String digest, String content, String verifier) {
        return "{\"hashedRekordRequestV002\":{\"digest\":\"" + digest + "\",\"signature\":{\"content\":\"" + content
                + "\",\"verifier\":" + verifier + "}}}";
    }

    private static String keyVerifier(HashedRekordRequest req, String keyDetails) {
        return "{\"publicKey\":{\"rawBytes\":\"" + req.publicKey().base64() + "\"},\"keyDetails\":\"" + keyDetails
                + "\"}";
    }

    private static HashedRekordRequest parse(String json) {
        return RekorV2.parseRequest(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static void assertInvalid(String json) {
        assertInvalid(() -> parse(json));
    }

    private static void assertInvalid(Executable call) {
        assertEquals("rekor.invalid_request", assertThrows(AttestorException.class, call).code());
    }

    @Test
    void requestJsonHasTheRekorV2HashedRekordShape() {
        String expected = json(P256.digest().base64(), P256.signature().base64(),
                keyVerifier(P256, "PKIX_ECDSA_P256_SHA_256"));
        assertEquals(expected, new String(RekorV2.requestJson(P256), StandardCharsets.UTF_8));
    }

    @Test
    void requestJsonNamesTheRealRsaKeySize() {
        HashedRekordRequest rsa = request(TestKeys.rsa3072(), KeyAlgorithm.RSA_PKCS1_SHA256);
        String json = new String(RekorV2.requestJson(rsa), StandardCharsets.UTF_8);
        assertEquals(true, json.endsWith("\"keyDetails\":\"PKIX_RSA_PKCS1V15_3072_SHA256\"}}}}"));
    }

    @Test
    void parseRequestInvertsRequestJson() {
        assertEquals(P256, RekorV2.parseRequest(RekorV2.requestJson(P256), JsonLimits.DEFAULT));
    }

    @Test
    void parseRequestAcceptsSnakeCaseNames() {
        String json = "{\"hashed_rekord_request_v002\":{\"digest\":\"" + P256.digest().base64()
                + "\",\"signature\":{\"content\":\"" + P256.signature().base64() + "\",\"verifier\":{\"public_key\":"
                + "{\"raw_bytes\":\"" + P256.publicKey().base64() + "\"},\"key_details\":\"PKIX_ECDSA_P256_SHA_256\"}}}}";
        assertEquals(P256, parse(json));
    }

    @Test
    void parseRequestAcceptsUnpaddedUrlSafeBase64AsProtojsonDoes() {
        String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(P256.digest().value());
        String json = json(digest, P256.signature().base64(), keyVerifier(P256, "PKIX_ECDSA_P256_SHA_256"));
        assertEquals(P256, parse(json));
    }

    @Test
    void parseRequestTakesTheKeyFromAnX509Certificate() throws Exception {
        byte[] cert = selfSignedCertificate(TestKeys.P256);
        String verifier = "{\"x509Certificate\":{\"rawBytes\":\"" + Base64.getEncoder().encodeToString(cert)
                + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}";
        HashedRekordRequest parsed = parse(json(P256.digest().base64(), P256.signature().base64(), verifier));
        assertArrayEquals(TestKeys.P256.getPublic().getEncoded(), parsed.publicKey().value());
    }

    @Test
    void parseRequestReadsRsaPkcs1AndPssAlgorithms() {
        HashedRekordRequest pss = request(TestKeys.RSA2048, KeyAlgorithm.RSA_PSS_SHA256);
        assertEquals(KeyAlgorithm.RSA_PSS_SHA256,
                RekorV2.parseRequest(RekorV2.requestJson(pss), JsonLimits.DEFAULT).algorithm());
        HashedRekordRequest pkcs1 = request(TestKeys.RSA2048, KeyAlgorithm.RSA_PKCS1_SHA256);
        assertEquals(pkcs1, RekorV2.parseRequest(RekorV2.requestJson(pkcs1), JsonLimits.DEFAULT));
    }

    @Test
    void rejectsDsseRequests() {
        assertInvalid("{\"dsseRequestV002\":{\"envelope\":{},\"verifiers\":[]}}");
    }

    @Test
    void rejectsUnknownTopLevelField() {
        assertInvalid("{\"hashedRekordRequestV002\":{},\"extra\":1}");
    }

    @Test
    void rejectsUnknownFieldInTheVerifier() {
        String verifier = "{\"publicKey\":{\"rawBytes\":\"" + P256.publicKey().base64()
                + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"hint\":\"x\"}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsDuplicateMember() {
        String json = json(P256.digest().base64(), P256.signature().base64(),
                keyVerifier(P256, "PKIX_ECDSA_P256_SHA_256")).replace("{\"digest\":",
                "{\"digest\":\"AAAA\",\"digest\":");
        assertInvalid(json);
    }

    @Test
    void rejectsTheSameFieldUnderItsCamelAndSnakeNames() {
        String verifier = "{\"publicKey\":{\"rawBytes\":\"" + P256.publicKey().base64() + "\"},\"keyDetails\":"
                + "\"PKIX_ECDSA_P256_SHA_256\",\"key_details\":\"PKIX_ECDSA_P256_SHA_256\"}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsDigestThatIsNotBase64() {
        assertInvalid(json("not base64!", P256.signature().base64(), keyVerifier(P256, "PKIX_ECDSA_P256_SHA_256")));
    }

    @Test
    void rejectsMissingDigest() {
        String json = "{\"hashedRekordRequestV002\":{\"signature\":{\"content\":\"" + P256.signature().base64()
                + "\",\"verifier\":" + keyVerifier(P256, "PKIX_ECDSA_P256_SHA_256") + "}}}";
        assertInvalid(json);
    }

    @Test
    void rejectsMissingKeyDetails() {
        String verifier = "{\"publicKey\":{\"rawBytes\":\"" + P256.publicKey().base64() + "\"}}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsVerifierWithoutKeyOrCertificate() {
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(),
                "{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}"));
    }

    @Test
    void rejectsVerifierWithBothKeyAndCertificate() throws Exception {
        String cert = Base64.getEncoder().encodeToString(selfSignedCertificate(TestKeys.P256));
        String verifier = "{\"publicKey\":{\"rawBytes\":\"" + P256.publicKey().base64() + "\"},\"x509Certificate\":"
                + "{\"rawBytes\":\"" + cert + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsCertificateThatIsNotDer() {
        String verifier = "{\"x509Certificate\":{\"rawBytes\":\"" + P256.publicKey().base64()
                + "\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsKeyDetailsOfAnotherCurve() {
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(),
                keyVerifier(P256, "PKIX_ECDSA_P384_SHA_384")));
    }

    @Test
    void rejectsRsaKeyDetailsWithTheWrongSize() {
        HashedRekordRequest rsa = request(TestKeys.RSA2048, KeyAlgorithm.RSA_PKCS1_SHA256);
        assertInvalid(json(rsa.digest().base64(), rsa.signature().base64(),
                keyVerifier(rsa, "PKIX_RSA_PKCS1V15_3072_SHA256")));
    }

    @Test
    void rejectsUnknownKeyDetails() {
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(),
                keyVerifier(P256, "PKIX_ECDSA_P521_SHA_512")));
    }

    @Test
    void rejectsPublicKeyThatIsNotSpki() {
        String verifier = "{\"publicKey\":{\"rawBytes\":\"AQID\"},\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}";
        assertInvalid(json(P256.digest().base64(), P256.signature().base64(), verifier));
    }

    @Test
    void rejectsRequestThatIsNotAnObject() {
        assertInvalid("[]");
    }

    @Test
    void rejectsMalformedJsonAsAnInvalidRequest() {
        assertInvalid("{\"hashedRekordRequestV002\":");
    }

    @Test
    void keepsTheSizeLimitCodeForOversizedRequests() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> RekorV2.parseRequest(RekorV2.requestJson(P256), new JsonLimits(16, 64)));
        assertEquals("request.too_large", e.code());
    }

    static byte[] selfSignedCertificate(KeyPair kp) throws Exception {
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        X500Name name = new X500Name("CN=attestor test");
        g.setSerialNumber(new ASN1Integer(1));
        g.setSignature(alg);
        g.setIssuer(name);
        g.setSubject(name);
        g.setStartDate(new Time(new Date(0L)));
        g.setEndDate(new Time(new Date(4_102_444_800_000L)));
        g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        TBSCertificate tbs = g.generateTBSCertificate();
        byte[] sig = Signatures.sign(kp.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, tbs.getEncoded(ASN1Encoding.DER));
        return new DERSequence(new ASN1Encodable[] {tbs, alg, new DERBitString(sig)}).getEncoded(ASN1Encoding.DER);
    }
}
