package org.stellaops.attestor.sdk.rekor.v1;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.KeyKind;
import org.stellaops.attestor.sdk.json.Jcs;

/** Rekor v1 proposed entries, shaped as sigstore-js and the Rekor OpenAPI types build them. */
final class Proposals {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Proposals() {
    }

    static ObjectNode hashedRekord(HashedRekordRequest req) {
        PublicKey key = PublicKeys.parseSpki(req.publicKey().value());
        PublicKeys.checkCompatible(key, req.algorithm());
        String hash = req.algorithm().hashAlgorithm();
        if (req.digest().length() != Hashing.newDigest(hash).getDigestLength()) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST, "digest length does not match " + hash);
        }
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", "0.0.1");
        root.put("kind", "hashedrekord");
        ObjectNode spec = root.putObject("spec");
        ObjectNode digest = spec.putObject("data").putObject("hash");
        digest.put("algorithm", hash.replace("SHA-", "sha"));
        digest.put("value", req.digest().hex());
        ObjectNode signature = spec.putObject("signature");
        signature.put("content", req.signature().base64());
        signature.putObject("publicKey").put("content", b64(PublicKeys.toPem(key)));
        return root;
    }

    /**
     * intoto v0.0.2: payload and signatures are base64 twice (Rekor's strfmt.Base64 decodes once), each signature
     * carries the base64 PEM key, and {@code hash} is SHA-256 of the JCS envelope with single-base64 values and the
     * PEM itself (the sigstore-js recipe that lets verifiers recompute the stored entry).
     */
    static ObjectNode intoto(Envelope env, PublicKey signer) {
        List<Signature> signatures = signaturesBy(env, signer);
        String pem = PublicKeys.toPem(signer);
        ObjectNode wire = envelope(env, signatures, true, b64(pem));
        ObjectNode hashed = envelope(env, signatures, false, pem);
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", "0.0.2");
        root.put("kind", "intoto");
        ObjectNode content = root.putObject("spec").putObject("content");
        content.set("envelope", wire);
        content.set("hash", sha256(Jcs.canonicalize(hashed)));
        content.set("payloadHash", sha256(env.payload().value()));
        return root;
    }

    private static ObjectNode envelope(Envelope env, List<Signature> signatures, boolean twice, String key) {
        ObjectNode out = NODES.objectNode();
        out.put("payloadType", env.payloadType());
        out.put("payload", twice ? b64(env.payload().base64()) : env.payload().base64());
        ArrayNode sigs = out.putArray("signatures");
        for (Signature s : signatures) {
            ObjectNode sig = sigs.addObject();
            sig.put("sig", twice ? b64(s.sig().base64()) : s.sig().base64());
            sig.put("publicKey", key);
            // Rekor drops an empty keyid, so it must be absent for the stored entry to be recomputable.
            if (!s.keyId().isEmpty()) {
                sig.put("keyid", s.keyId());
            }
        }
        return out;
    }

    /** The envelope signatures made by the signer: Rekor checks every listed signature against its key. */
    private static List<Signature> signaturesBy(Envelope env, PublicKey signer) {
        byte[] pae = Pae.encode(env.payloadType(), env.payload().value());
        List<KeyAlgorithm> algorithms = new ArrayList<>(List.of(PublicKeys.defaultAlgorithm(signer)));
        if (KeyKind.of(signer) == KeyKind.RSA) {
            algorithms.add(KeyAlgorithm.RSA_PSS_SHA256);
        }
        List<Signature> mine = new ArrayList<>();
        for (Signature s : env.signatures()) {
            byte[] sig = s.sig().value();
            if (algorithms.stream().anyMatch(a -> Signatures.verify(signer, a, pae, sig))) {
                mine.add(s);
            }
        }
        if (mine.isEmpty()) {
            throw new AttestorException(ErrorCodes.REKOR_BAD_SIGNATURE, "no envelope signature verifies under the key");
        }
        return mine;
    }

    private static ObjectNode sha256(byte[] data) {
        ObjectNode hash = NODES.objectNode();
        hash.put("algorithm", "sha256");
        hash.put("value", HexFormat.of().formatHex(Hashing.sha256(data)));
        return hash;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
