package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;

class JwkTest {

    private static String code(Runnable r) {
        return assertThrows(AttestorException.class, r::run).code();
    }

    private static String a3With(String member, String value) {
        ObjectNode n = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK).toPrivateJson();
        n.put(member, value);
        return n.toString();
    }

    @Test
    void computesTheThumbprintOfRfc7638Section31() {
        assertEquals(JoseTestKeys.RFC7638_THUMBPRINT, Jwk.parse(JoseTestKeys.RFC7638_JWK).thumbprint());
    }

    @Test
    void keepsKidAndAlgOfAParsedKey() {
        Jwk key = Jwk.parse(JoseTestKeys.RFC7638_JWK);
        assertEquals("2011-04-29", key.kid());
        assertEquals("RS256", key.alg());
        assertFalse(key.hasPrivate());
    }

    @Test
    void readsThePrivateKeyOfRfc7515AppendixA3() {
        Jwk key = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK);
        assertTrue(key.hasPrivate());
        assertEquals("EC", key.kty());
        assertEquals("P-256", key.crv());
        assertTrue(JwsAlgorithm.ES256.fits(key.publicKey()));
    }

    @Test
    void refusesAnEcPointThatIsNotOnTheCurve() {
        ObjectNode n = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK).toPublicJson();
        n.put("y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4");
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(n)));
    }

    @Test
    void refusesACoordinateOfTheWrongLength() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(a3With("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE"))));
    }

    @Test
    void refusesPaddedBase64InAMember() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(a3With("x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU="))));
    }

    @Test
    void refusesAPrivateScalarThatDoesNotMatchThePublicKey() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(a3With("d", "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LA"))));
    }

    @Test
    void refusesSymmetricKeys() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse("{\"kty\":\"oct\",\"k\":\"AAAA\"}")));
    }

    @Test
    void refusesUnsupportedCurves() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(a3With("crv", "secp256k1"))));
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"X25519\","
                + "\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"}")));
    }

    @Test
    void refusesDuplicateMembers() {
        String json = JoseTestKeys.RFC7638_JWK.replace("\"e\":\"AQAB\"", "\"e\":\"AQAB\",\"e\":\"Aw\"");
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(json)));
    }

    @Test
    void refusesNonStringMembers() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(JoseTestKeys.RFC7638_JWK.replace("\"2011-04-29\"", "7"))));
    }

    @Test
    void refusesRsaCrtMembersGivenOnlyInPart() {
        ObjectNode n = Jwk.ofKeyPair(JoseTestKeys.RSA2048).toPrivateJson();
        n.remove("qi");
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(n)));
    }

    @Test
    void refusesAnRsaPublicExponentLongerThan256BitsBeforeAnyArithmetic() {
        ObjectNode n = Jwk.ofKeyPair(JoseTestKeys.RSA2048).toPublicJson();
        byte[] huge = new byte[40];
        huge[0] = 1;
        huge[huge.length - 1] = 1;
        n.put("e", Base64Url.encode(huge));
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(n)));
    }

    @Test
    void refusesAnRsaPrivateExponentOfAnotherKey() {
        ObjectNode n = Jwk.ofKeyPair(JoseTestKeys.RSA2048).toPrivateJson();
        ObjectNode other = Jwk.ofKeyPair(TestKeys.rsa(2048)).toPrivateJson();
        n.set("d", other.get("d"));
        n.remove(java.util.List.of("p", "q", "dp", "dq", "qi"));
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.parse(n)));
    }

    @Test
    void refusesAKeyPairWhoseHalvesDoNotMatch() {
        KeyPair mixed = new KeyPair(JoseTestKeys.P256.getPublic(), TestKeys.ec("secp256r1").getPrivate());
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.ofKeyPair(mixed)));
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"ES256", "ES384", "ES512", "RS256", "EdDSA"})
    void roundTripsEveryKeyTypeThroughItsPrivateJson(JwsAlgorithm alg) {
        Jwk key = Jwk.ofKeyPair(JoseTestKeys.forAlgorithm(alg));
        Jwk back = Jwk.parse(key.toPrivateJson().toString());
        assertEquals(key.thumbprint(), back.thumbprint());
        assertTrue(back.hasPrivate());
        String jws = Jws.sign(new ObjectNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance),
                new byte[] {1, 2, 3}, back.privateKey().orElseThrow(), alg);
        assertTrue(Jws.parse(jws, 8192).verify(key.publicKey()));
    }

    @Test
    void describesAJdkKeyLikeTheSameBouncyCastleKey() {
        KeyPair jdk = TestKeys.jdk("EC", new ECGenParameterSpec("secp256r1"));
        Jwk fromJdk = Jwk.ofPublic(jdk.getPublic());
        Jwk parsed = Jwk.parse(fromJdk.toPublicJson());
        assertArrayEquals(PublicKeys.spki(jdk.getPublic()), PublicKeys.spki(parsed.publicKey()));
        assertEquals(fromJdk.thumbprint(), parsed.thumbprint());
    }

    @Test
    void publicJsonCarriesNoPrivateMembers() {
        ObjectNode json = Jwk.ofKeyPair(JoseTestKeys.RSA2048).withKid("k1").toPublicJson();
        assertEquals(java.util.Set.of("kty", "n", "e", "kid"), fieldNames(json));
    }

    @Test
    void barePublicJsonCarriesOnlyTheKeyMembers() {
        ObjectNode json = Jwk.ofKeyPair(JoseTestKeys.P256).withKid("k1").withAlg("ES256").toBarePublicJson();
        assertEquals(java.util.Set.of("kty", "crv", "x", "y"), fieldNames(json));
    }

    @Test
    void privateJsonOfAPublicKeyIsRefused() {
        assertEquals(JoseCodes.MALFORMED_KEY, code(() -> Jwk.ofPublic(JoseTestKeys.P256.getPublic()).toPrivateJson()));
    }

    @Test
    void withKidAndWithAlgReturnChangedCopies() {
        Jwk key = Jwk.ofPublic(JoseTestKeys.P256.getPublic());
        Jwk named = key.withKid("a").withAlg("ES256");
        assertNull(key.kid());
        assertEquals("a", named.kid());
        assertEquals("ES256", named.alg());
        assertEquals(key.thumbprint(), named.thumbprint());
    }

    @Test
    void thumbprintIgnoresKidAndAlg() {
        Jwk key = Jwk.ofKeyPair(JoseTestKeys.ED25519);
        assertEquals(key.thumbprint(), key.withKid("x").withAlg("EdDSA").toPublic().thumbprint());
    }

    @Test
    void textFormNeverShowsKeyMaterial() {
        Jwk key = Jwk.parse(JoseTestKeys.RFC7515_A3_JWK);
        assertFalse(key.toString().contains("jpsQnnGQmL"));
        assertFalse(key.toString().contains("f83OJ3D2"));
    }

    private static java.util.Set<String> fieldNames(ObjectNode json) {
        java.util.Set<String> names = new java.util.HashSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
