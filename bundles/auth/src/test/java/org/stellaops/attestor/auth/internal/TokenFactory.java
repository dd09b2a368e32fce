package org.stellaops.attestor.auth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.JwkSet;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;

/** An issuer's signing key and the access tokens it mints in tests. */
final class TokenFactory {

    static final String ISSUER = "https://issuer.example";
    static final String AUDIENCE = "stellaops-attestor";

    final Jwk key;
    final String issuer;

    TokenFactory(Jwk key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    static KeyPair ecPair(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a factory with a new P-256 key of the given kid */
    static TokenFactory ec(String kid) {
        return new TokenFactory(Jwk.ofKeyPair(ecPair("secp256r1")).withKid(kid), ISSUER);
    }

    JwkSet publicSet() {
        return JwkSet.of(List.of(key.toPublic()));
    }

    String jwksJson() {
        return "{\"keys\":[" + key.toPublicJson() + "]}";
    }

    ObjectNode header() {
        ObjectNode h = JsonNodeFactory.instance.objectNode().put("typ", "at+jwt");
        if (key.kid() != null) {
            h.put("kid", key.kid());
        }
        return h;
    }

    ObjectNode claims(Instant now) {
        return JsonNodeFactory.instance.objectNode().put("iss", issuer).put("sub", "alice").put("aud", AUDIENCE)
                .put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + 300).put("jti", "t-" + now.getEpochSecond())
                .put("scope", "attestor.write attestor.read other.scope").put("tenant", "acme");
    }

    String sign(ObjectNode header, ObjectNode claims) {
        return Jws.sign(header, claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key.privateKey().orElseThrow(), key.defaultAlgorithm());
    }

    String sign(ObjectNode header, ObjectNode claims, JwsAlgorithm alg) {
        return Jws.sign(header, claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key.privateKey().orElseThrow(), alg);
    }

    String token(Instant now) {
        return sign(header(), claims(now));
    }

    String token(Instant now, Consumer<ObjectNode> claimEdits) {
        ObjectNode c = claims(now);
        claimEdits.accept(c);
        return sign(header(), c);
    }
}
