package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;

class JwsTest {

    private static final PublicKey A3_KEY = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK).publicKey();

    private static String b64(String text) {
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    private static String malformedCode(String compact) {
        return code(() -> Jws.parse(compact, 8192));
    }

    private static ObjectNode header() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void verifiesTheEs256ExampleOfRfc7515AppendixA3() {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        assertEquals(JwsAlgorithm.ES256, jws.algorithm());
        assertTrue(jws.verify(A3_KEY));
        assertEquals("joe", jws.payloadJson(1024).get("iss").textValue());
    }

    @Test
    void rejectsTheAppendixA3SignatureOverATamperedPayload() {
        String[] parts = JoseTestKeys.RFC7515_A3_JWS.split("\\.");
        String tampered = parts[0] + "." + b64("{\"iss\":\"eve\",\"exp\":1300819380}") + "." + parts[2];
        assertFalse(Jws.parse(tampered, 8192).verify(A3_KEY));
    }

    @Test
    void rejectsAnotherKey() {
        assertFalse(Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192).verify(JoseTestKeys.P256.getPublic()));
    }

    @Test
    void refusesAnRs256HeaderVerifiedWithAnEcKey() {
        String[] parts = JoseTestKeys.RFC7515_A3_JWS.split("\\.");
        Jws confused = Jws.parse(b64("{\"alg\":\"RS256\"}") + "." + parts[1] + "." + parts[2], 8192);
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, code(() -> confused.verify(A3_KEY)));
    }

    @Test
    void refusesAnEs256HeaderVerifiedWithAnRsaKey() {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, code(() -> jws.verify(JoseTestKeys.RSA2048.getPublic())));
    }

    @Test
    void refusesAnEs256HeaderVerifiedWithAP384Key() {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, code(() -> jws.verify(JoseTestKeys.P384.getPublic())));
    }

    @Test
    void refusesAnHs256Token() {
        Jws jws = Jws.parse(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{}") + ".c2ln", 8192);
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, code(() -> jws.verify(A3_KEY)));
    }

    @Test
    void refusesAnUnsignedTokenWithAlgorithmNone() {
        assertEquals(JoseCodes.MALFORMED, malformedCode(b64("{\"alg\":\"none\"}") + "." + b64("{}") + "."));
        Jws none = Jws.parse(b64("{\"alg\":\"none\"}") + "." + b64("{}") + ".AA", 8192);
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED, code(none::algorithm));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a.b.c.d", "..", "eyJhbGciOiJFUzI1NiJ9.e30", "eyJhbGciOiJFUzI1NiJ9.e30.AA.",
        "eyJhbGciOiJFUzI1NiJ9=.e30.AAAA", "eyJhbGciOiJFUzI1NiJ9.e30=.AAAA", "eyJhbGciOiJFUzI1NiJ9.e3+.AAAA",
        "eyJhbGciOiJFUzI1NiJ9 .e30.AAAA", "eyJhbGciOiJFUzI1NiJ9.e31.AAAA"})
    void refusesMalformedCompactForms(String compact) {
        assertEquals(JoseCodes.MALFORMED, malformedCode(compact));
    }

    @Test
    void refusesAHeaderThatIsNotAJsonObject() {
        assertEquals(JoseCodes.MALFORMED, malformedCode(b64("[\"alg\"]") + "." + b64("{}") + ".AAAA"));
        assertEquals(JoseCodes.MALFORMED, malformedCode(b64("{\"alg\":") + "." + b64("{}") + ".AAAA"));
    }

    @Test
    void refusesAHeaderWithoutAStringAlg() {
        assertEquals(JoseCodes.MALFORMED, malformedCode(b64("{\"typ\":\"JWT\"}") + "." + b64("{}") + ".AAAA"));
        assertEquals(JoseCodes.MALFORMED, malformedCode(b64("{\"alg\":256}") + "." + b64("{}") + ".AAAA"));
    }

    @Test
    void refusesAHeaderWithDuplicateMembers() {
        assertEquals(JoseCodes.MALFORMED,
                malformedCode(b64("{\"alg\":\"ES256\",\"alg\":\"none\"}") + "." + b64("{}") + ".AAAA"));
    }

    @Test
    void refusesCriticalHeaderExtensions() {
        assertEquals(JoseCodes.MALFORMED,
                malformedCode(b64("{\"alg\":\"ES256\",\"crit\":[\"b64\"],\"b64\":false}") + "." + b64("{}") + ".AAAA"));
    }

    @Test
    void refusesTextLongerThanTheLimit() {
        assertEquals(JoseCodes.MALFORMED, code(() -> Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 100)));
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void signsWithEveryAlgorithmSoThatTheSignatureVerifies(JwsAlgorithm alg) {
        KeyPair pair = JoseTestKeys.forAlgorithm(alg);
        String compact = Jws.sign(header(), "payload".getBytes(StandardCharsets.UTF_8), pair.getPrivate(), alg);
        Jws jws = Jws.parse(compact, 8192);
        assertEquals(alg, jws.algorithm());
        assertTrue(jws.verify(pair.getPublic()));
    }

    @Test
    void writesEcdsaSignaturesInRawForm() {
        String compact = Jws.sign(header(), new byte[0], JoseTestKeys.P521.getPrivate(), JwsAlgorithm.ES512);
        assertEquals(132, Jws.parse(compact, 8192).signature().length);
    }

    @Test
    void rejectsAnEcdsaSignatureInDerForm() throws Exception {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        byte[] der = EcdsaSignatures.toDer(jws.signature(), 32);
        String derForm = jws.signingInput() + "." + Base64Url.encode(der);
        assertFalse(Jws.parse(derForm, 8192).verify(A3_KEY));
    }

    @Test
    void rejectsAnEdDsaSignatureOfTheWrongLength() {
        String compact = Jws.sign(header(), new byte[] {1}, JoseTestKeys.ED25519.getPrivate(), JwsAlgorithm.EdDSA);
        assertFalse(Jws.parse(compact + "AA", 8192).verify(JoseTestKeys.ED25519.getPublic()));
    }

    @Test
    void putsAlgFirstAndKeepsTheOtherHeaderMembers() {
        ObjectNode h = header().put("typ", "at+jwt").put("alg", "HS256").put("kid", "k");
        String compact = Jws.sign(h, new byte[0], JoseTestKeys.P256.getPrivate(), JwsAlgorithm.ES256);
        String headerJson = new String(Base64Url.decode(compact.substring(0, compact.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"k\"}", headerJson);
        assertEquals("HS256", h.get("alg").textValue());
    }

    @Test
    void refusesToSignWithAKeyTheAlgorithmDoesNotFit() {
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED,
                code(() -> Jws.sign(header(), new byte[0], JoseTestKeys.P256.getPrivate(), JwsAlgorithm.ES384)));
        assertEquals(JoseCodes.ALGORITHM_NOT_ALLOWED,
                code(() -> Jws.sign(header(), new byte[0], JoseTestKeys.RSA2048.getPrivate(), JwsAlgorithm.ES256)));
    }

    @Test
    void signsWithKeysOfTheJdkProviders() {
        KeyPair jdk = TestKeys.jdk("EC", new ECGenParameterSpec("secp384r1"));
        String compact = Jws.sign(header(), new byte[] {9}, jdk.getPrivate(), JwsAlgorithm.ES384);
        assertTrue(Jws.parse(compact, 8192).verify(jdk.getPublic()));
    }

    @Test
    void payloadJsonRefusesNonObjectsAndDuplicates() {
        Jws array = Jws.parse(b64("{\"alg\":\"ES256\"}") + "." + b64("[1]") + ".AAAA", 8192);
        Jws dup = Jws.parse(b64("{\"alg\":\"ES256\"}") + "." + b64("{\"a\":1,\"a\":2}") + ".AAAA", 8192);
        assertEquals(JoseCodes.MALFORMED, code(() -> array.payloadJson(1024)));
        assertEquals(JoseCodes.MALFORMED, code(() -> dup.payloadJson(1024)));
    }

    @Test
    void payloadJsonRefusesPayloadsOverTheLimit() {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        assertEquals(JoseCodes.MALFORMED, code(() -> jws.payloadJson(10)));
    }

    @Test
    void accessorsReturnCopies() {
        Jws jws = Jws.parse(JoseTestKeys.RFC7515_A3_JWS, 8192);
        jws.signature()[0] ^= 1;
        jws.header().put("alg", "none");
        assertTrue(jws.verify(A3_KEY));
    }
}
