package org.stellaops.attestor.sdk.jose;

import java.security.KeyPair;

import org.stellaops.attestor.sdk.TestKeys;

/** Key pairs and published vectors for the JOSE tests. */
final class JoseTestKeys {

    /** RFC 7515 appendix A.3: the ES256 key (with its private part). */
    static final String RFC7515_A3_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
            + "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";
    /** RFC 7515 appendix A.3: the ES256 JWS. */
    static final String RFC7515_A3_JWS = "eyJhbGciOiJFUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
    /** RFC 7638 §3.1: the RSA key whose thumbprint the RFC gives. */
    static final String RFC7638_JWK = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
            + "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6C"
            + "f0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTW"
            + "hAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\","
            + "\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
    static final String RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    static final KeyPair P256 = TestKeys.P256;
    static final KeyPair P384 = TestKeys.P384;
    static final KeyPair P521 = TestKeys.ec("secp521r1");
    static final KeyPair ED25519 = TestKeys.ED25519;
    static final KeyPair RSA2048 = TestKeys.RSA2048;

    private JoseTestKeys() {
    }

    /** @return the key pair an algorithm signs with */
    static KeyPair forAlgorithm(JwsAlgorithm alg) {
        switch (alg) {
            case ES256:
                return P256;
            case ES384:
                return P384;
            case ES512:
                return P521;
            case EdDSA:
                return ED25519;
            default:
                return RSA2048;
        }
    }
}
