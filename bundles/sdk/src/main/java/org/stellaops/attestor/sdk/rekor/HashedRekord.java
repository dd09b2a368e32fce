package org.stellaops.attestor.sdk.rekor;

import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

/**
 * Rekor v2 {@code hashedrekord} v0.0.2 entries built exactly as Sigstore verifiers rebuild them: the key's default
 * keyDetails, the DER SPKI as raw bytes, the digest of PAE with the algorithm's hash, JCS, RFC 6962 leaf hash.
 */
public final class HashedRekord {

    /** Signer keys whose details are remembered at most. */
    private static final int KEY_DETAILS_LIMIT = 1024;
    private static final Map<String, String> KEY_DETAILS = new ConcurrentHashMap<>();

    private HashedRekord() {
    }

    /**
     * The canonical body Rekor v2 logs for a request (the Merkle leaf data).
     *
     * @param req the request
     * @return the JCS bytes of the entry
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.*} codes if the key is unusable
     * @throws IllegalArgumentException if the digest length does not match the algorithm's hash
     */
    public static byte[] canonicalBody(HashedRekordRequest req) {
        String keyDetails = keyDetails(req.publicKey(), req.algorithm());
        int expected = Hashing.newDigest(req.algorithm().hashAlgorithm()).getDigestLength();
        if (req.digest().length() != expected) {
            throw new IllegalArgumentException("digest has " + req.digest().length() + " bytes, "
                    + req.algorithm().hashAlgorithm() + " has " + expected);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("apiVersion", "0.0.2");
        root.put("kind", "hashedrekord");
        ObjectNode body = root.putObject("spec").putObject("hashedRekordV002");
        ObjectNode data = body.putObject("data");
        data.put("algorithm", dataAlgorithm(req.algorithm()));
        data.put("digest", req.digest().base64());
        ObjectNode signature = body.putObject("signature");
        signature.put("content", req.signature().base64());
        ObjectNode verifier = signature.putObject("verifier");
        verifier.put("keyDetails", keyDetails);
        verifier.putObject("publicKey").put("rawBytes", req.publicKey().base64());
        return Jcs.canonicalize(root);
    }

    /**
     * The key details of a signer key, remembered per (key, algorithm): the same few signer keys come with every
     * submission, and parsing an SPKI costs more than the rest of the body. Only keys that parsed are remembered, so
     * an unusable key is refused every time.
     */
    private static String keyDetails(Bytes spki, KeyAlgorithm algorithm) {
        String cacheKey = algorithm.name() + ':' + spki.base64();
        String known = KEY_DETAILS.get(cacheKey);
        if (known != null) {
            return known;
        }
        PublicKey key = PublicKeys.parseSpki(spki.value());
        String details = PublicKeys.keyDetails(key, algorithm);
        if (KEY_DETAILS.size() >= KEY_DETAILS_LIMIT) {
            KEY_DETAILS.clear(); // many distinct signers: start over rather than grow without bound
        }
        KEY_DETAILS.put(cacheKey, details);
        return details;
    }

    /**
     * The entry UUID (Rekor v1 style; in Rekor v2 the content address of the leaf).
     *
     * @param canonicalBody the canonical body
     * @return lowercase hex of the RFC 6962 leaf hash
     */
    public static String uuid(byte[] canonicalBody) {
        return HexFormat.of().formatHex(Rfc6962.leafHash(canonicalBody));
    }

    /**
     * The request that logs one DSSE signature.
     *
     * @param env the envelope
     * @param sig one of its signatures
     * @param signer the signer's public key
     * @param alg the signer's algorithm (its hash digests the PAE; SHA-512 for Ed25519)
     * @return the request
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.*} codes if key and algorithm do not match
     */
    public static HashedRekordRequest forSignature(Envelope env, Signature sig, PublicKey signer, KeyAlgorithm alg) {
        PublicKeys.checkCompatible(signer, alg);
        byte[] pae = Pae.encode(env.payloadType(), env.payload().value());
        byte[] digest = Hashing.digest(alg.hashAlgorithm(), pae);
        return new HashedRekordRequest(Bytes.of(digest), sig.sig(), Bytes.of(PublicKeys.spki(signer)), alg);
    }

    private static String dataAlgorithm(KeyAlgorithm alg) {
        switch (alg.hashAlgorithm()) {
            case "SHA-384":
                return "SHA2_384";
            case "SHA-512":
                return "SHA2_512";
            default:
                return "SHA2_256";
        }
    }
}
