package org.stellaops.attestor.sdk.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.sdk.AttestorException;

class JwkSetTest {

    private static final String EC = Jwk.ofPublic(JoseTestKeys.P256.getPublic()).withKid("ec").toPublicJson().toString();
    private static final String ED = Jwk.ofPublic(JoseTestKeys.ED25519.getPublic()).withKid("ed").toPublicJson()
            .toString();

    private static JwkSet parse(String json) {
        return JwkSet.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String code(String json) {
        return assertThrows(AttestorException.class, () -> parse(json)).code();
    }

    @Test
    void readsEverySupportedSignatureKeyInOrder() {
        JwkSet set = parse("{\"keys\":[" + EC + "," + JoseTestKeys.RFC7638_JWK + "," + ED + "]}");
        assertEquals(3, set.keys().size());
        assertEquals("ec", set.keys().get(0).kid());
        assertEquals(JoseTestKeys.RFC7638_THUMBPRINT, set.byKid("2011-04-29").orElseThrow().thumbprint());
    }

    @Test
    void findsNothingForAnUnknownKid() {
        assertTrue(parse("{\"keys\":[" + EC + "]}").byKid("other").isEmpty());
    }

    @Test
    void skipsKeysOfUnsupportedTypesAndCurves() {
        JwkSet set = parse("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"},{\"kty\":\"EC\",\"crv\":\"secp256k1\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AA\"},{\"kty\":\"AKP\"}," + EC + "]}");
        assertEquals(1, set.keys().size());
    }

    @Test
    void skipsEncryptionKeys() {
        String enc = EC.replace("\"kid\":\"ec\"", "\"kid\":\"enc\",\"use\":\"enc\"");
        JwkSet set = parse("{\"keys\":[" + enc + "," + ED + "]}");
        assertEquals(1, set.keys().size());
        assertEquals("ed", set.keys().get(0).kid());
    }

    @Test
    void skipsKeysWhoseOperationsExcludeVerification() {
        String ops = EC.replace("\"kid\":\"ec\"", "\"kid\":\"ops\",\"key_ops\":[\"encrypt\"]");
        assertTrue(parse("{\"keys\":[" + ops + "]}").keys().isEmpty());
    }

    @Test
    void failsOnMalformedJson() {
        assertEquals(JoseCodes.MALFORMED_KEY, code("{\"keys\":[" + EC));
    }

    @Test
    void failsWithoutAKeysArray() {
        assertEquals(JoseCodes.MALFORMED_KEY, code("{\"keys\":{}}"));
        assertEquals(JoseCodes.MALFORMED_KEY, code("[]"));
    }

    @Test
    void failsOnAMalformedKeyOfASupportedType() {
        assertEquals(JoseCodes.MALFORMED_KEY, code("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}"));
    }

    @Test
    void failsOnAnEntryThatIsNotAnObject() {
        assertEquals(JoseCodes.MALFORMED_KEY, code("{\"keys\":[\"key\"]}"));
    }
}
