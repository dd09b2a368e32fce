package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.jose.Base64Url;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/**
 * An OAuth2 authorization server as far as the service sees one: an issuer name, an ES256 signing key published as
 * a static JWKS file, and access tokens (RFC 9068) whose claims a test may spoil one at a time.
 */
final class TestIssuer {

    static final String ISSUER = "https://authority.test";
    static final String AUDIENCE = "attestor-e2e";

    private final KeyPair key;
    private final Jwk jwk;

    TestIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Jwk plain = Jwk.ofPublic(key.getPublic());
        jwk = plain.withKid(plain.thumbprint()).withAlg("ES256");
    }

    /**
     * Writes the issuer's JWKS and its configuration ({@code org.stellaops.attestor.auth.issuer~test.json}) into
     * the data directory, before the server starts.
     */
    void configure(Path dataDir) {
        try {
            Path jwks = dataDir.resolve("test-issuer.jwks");
            ObjectNode set = ApiClient.MAPPER.createObjectNode();
            set.putArray("keys").add(jwk.toPublicJson());
            Files.write(jwks, ApiClient.MAPPER.writeValueAsBytes(set));
            AttestorProcess.writeConfig(dataDir, "org.stellaops.attestor.auth.issuer~test.json", Map.of(
                    "issuer", ISSUER, "audience", AUDIENCE, "jwksFile", jwks.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return claims of a valid token: every attestor scope, tenant {@code default}, valid for ten minutes */
    ObjectNode claims() {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = ApiClient.MAPPER.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("sub", "ci-pipeline");
        claims.put("aud", AUDIENCE);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scope", "attestor.write attestor.verify attestor.read attestor.admin");
        claims.put("tenant", "default");
        return claims;
    }

    /** @return the claims signed with ES256 by the issuer's key */
    String sign(ObjectNode claims) {
        ObjectNode header = ApiClient.MAPPER.createObjectNode();
        header.put("typ", "at+jwt");
        header.put("kid", jwk.kid());
        return Jws.sign(header, bytes(claims), key.getPrivate(), JwsAlgorithm.ES256);
    }

    /** @return a token with {@code "alg":"none"} and no signature */
    String unsigned(ObjectNode claims) {
        return Base64Url.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(bytes(claims)) + ".";
    }

    /** @return a token MACed with HS256 under the issuer's public key: the classic algorithm confusion */
    String hmacWithPublicKey(ObjectNode claims) {
        String input = Base64Url.encode(("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + jwk.kid() + "\"}")
                .getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(bytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getPublic().getEncoded(), "HmacSHA256"));
            return input + "." + Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a valid token whose signature was then altered in its last character */
    String tampered(ObjectNode claims) {
        String token = sign(claims);
        String[] parts = token.split("\\.");
        byte[] signature = Base64Url.decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64Url.encode(signature);
    }

    /** @return claims bound to a DPoP key (RFC 9449 {@code cnf.jkt}) */
    ObjectNode boundTo(Jwk dpopKey, ObjectNode claims) {
        claims.putObject("cnf").put("jkt", dpopKey.thumbprint());
        return claims;
    }

    /** @return claims bound to a client certificate (RFC 8705 {@code cnf.x5t#S256}) */
    ObjectNode boundToCertificate(String x5tS256, ObjectNode claims) {
        claims.putObject("cnf").put("x5t#S256", x5tS256);
        return claims;
    }

    private static byte[] bytes(ObjectNode claims) {
        try {
            return ApiClient.MAPPER.writeValueAsBytes(claims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the scopes of a valid token without the named one */
    static String scopesWithout(String scope) {
        return String.join(" ", List.of("attestor.write", "attestor.verify", "attestor.read", "attestor.admin")
                .stream().filter(s -> !s.equals(scope)).toList());
    }
}
