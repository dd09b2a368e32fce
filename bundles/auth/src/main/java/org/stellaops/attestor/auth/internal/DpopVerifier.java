package org.stellaops.attestor.auth.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.auth.Credentials;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.Base64Url;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.Jws;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;
import org.stellaops.attestor.store.OneTimeKeyStore;

/**
 * Checks the DPoP proof of a request carrying a DPoP-bound access token (RFC 9449 §4.3 and §7.1). The proof id is
 * claimed in the shared {@link OneTimeKeyStore} last, after every other check, so only a valid proof uses it up.
 */
final class DpopVerifier {

    /** The replay cache namespace. */
    static final String JTI_NAMESPACE = "dpop.jti";
    static final int MAX_PROOF_BYTES = 8 * 1024;
    private static final int MAX_JTI_LENGTH = 256;

    private final Set<JwsAlgorithm> algorithms;
    private final Duration maxAge;
    private final Duration skew;
    private final DpopNonces nonces;
    private final OneTimeKeyStore replayCache;

    /**
     * @param algorithms the proof algorithms accepted
     * @param maxAge how old a proof may be
     * @param skew how far in the future a proof's iat may be
     * @param nonces the nonce source when nonces are required, else null
     * @param replayCache the store shared by all workers
     */
    DpopVerifier(Set<JwsAlgorithm> algorithms, Duration maxAge, Duration skew, DpopNonces nonces,
            OneTimeKeyStore replayCache) {
        this.algorithms = Set.copyOf(algorithms);
        this.maxAge = maxAge;
        this.skew = skew;
        this.nonces = nonces;
        this.replayCache = replayCache;
    }

    /**
     * @param request the request
     * @param accessToken the access token the proof must cover ({@code ath})
     * @param jkt the thumbprint the token is bound to
     * @param now the current time
     * @throws AuthFailure with the reason
     */
    void verify(Credentials request, String accessToken, String jkt, Instant now) {
        List<String> headers = request.dpop();
        if (headers.size() != 1) {
            throw invalid(headers.isEmpty() ? "the request has no DPoP proof" : "the request has more than one DPoP "
                    + "header");
        }
        Jws proof = parse(headers.get(0));
        Jwk key = proofKey(proof);
        Claims claims;
        try {
            claims = new Claims(proof.payloadJson(MAX_PROOF_BYTES), "DPoP proof");
        } catch (AttestorException e) {
            throw invalid("the DPoP proof claims are not a JSON object");
        }
        String jti = claims.requiredString("jti");
        if (jti.length() > MAX_JTI_LENGTH) {
            throw invalid("the DPoP proof jti is longer than " + MAX_JTI_LENGTH + " characters");
        }
        checkRequest(claims, request);
        Instant iat = claims.requiredDate("iat");
        if (iat.isAfter(now.plus(skew)) || now.isAfter(iat.plus(maxAge))) {
            throw invalid("the DPoP proof was not created within the accepted time window");
        }
        checkBinding(claims, key, accessToken, jkt);
        checkNonce(claims, now);
        // The jti is hashed so that any text the client chose makes a short key every store can hold.
        String replayKey = jkt + ":" + Base64Url.encode(sha256(jti));
        if (!replayCache.claim(JTI_NAMESPACE, replayKey, iat.plus(maxAge).plus(skew))) {
            throw AuthFailure.proof(AuthCodes.DPOP_REPLAY, "the DPoP proof was used before");
        }
    }

    private static void checkBinding(Claims claims, Jwk key, String accessToken, String jkt) {
        String ath = claims.requiredString("ath");
        if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII),
                DpopProofs.ath(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("the DPoP proof is not bound to this access token (ath)");
        }
        if (!key.thumbprint().equals(jkt)) {
            throw invalid("the DPoP proof is signed by another key than the token is bound to");
        }
    }

    private void checkNonce(Claims claims, Instant now) {
        if (nonces != null) {
            String nonce = claims.optionalString("nonce");
            if (nonce == null || !nonces.valid(nonce, now)) {
                throw AuthFailure.nonce("the DPoP proof must carry the current server nonce (DPoP-Nonce)");
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static Jws parse(String text) {
        Jws proof;
        try {
            proof = Jws.parse(text.strip(), MAX_PROOF_BYTES);
        } catch (AttestorException e) {
            throw invalid("the DPoP proof is not a well-formed JWS");
        }
        if (!DpopProofs.TYPE.equalsIgnoreCase(proof.headerText("typ"))) {
            throw invalid("the DPoP proof's typ is not dpop+jwt");
        }
        return proof;
    }

    /** The embedded public key, after the algorithm checks and the signature. */
    private Jwk proofKey(Jws proof) {
        JwsAlgorithm alg;
        try {
            alg = proof.algorithm();
        } catch (AttestorException e) {
            throw invalid("the DPoP proof's algorithm is not allowed");
        }
        if (!algorithms.contains(alg)) {
            throw invalid("the DPoP proof's algorithm is not accepted here");
        }
        JsonNode jwk = proof.header().get("jwk");
        // refused on the JSON, before parsing: checking a private part costs modular exponentiations
        if (jwk != null && PRIVATE_MEMBERS.stream().anyMatch(jwk::has)) {
            throw invalid("the DPoP proof embeds a private key");
        }
        Jwk key;
        try {
            key = Jwk.parse(jwk);
        } catch (AttestorException e) {
            throw invalid("the DPoP proof does not embed a valid public JWK");
        }
        if (key.hasPrivate()) {
            throw invalid("the DPoP proof embeds a private key");
        }
        if (!alg.fits(key.publicKey()) || !proof.verify(key.publicKey())) {
            throw invalid("the DPoP proof's signature does not verify with its key");
        }
        return key;
    }

    private static void checkRequest(Claims claims, Credentials request) {
        if (!request.method().equals(claims.requiredString("htm"))) {
            throw invalid("the DPoP proof was made for another HTTP method");
        }
        String htu = claims.requiredString("htu");
        boolean same;
        try {
            same = DpopProofs.htu(new URI(htu)).equals(DpopProofs.htu(request.uri()));
        } catch (java.net.URISyntaxException | AttestorException e) {
            same = false;
        }
        if (!same) {
            throw invalid("the DPoP proof was made for another URI");
        }
    }

    /** JWK members of private keys (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2). */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth");

    private static AuthFailure invalid(String detail) {
        return AuthFailure.proof(AuthCodes.DPOP_INVALID, detail);
    }
}
