package org.stellaops.attestor.sdk.rekor;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.JsonFields;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** Decoding of Rekor v2 CreateEntry requests under protojson rules (grpc-gateway, DiscardUnknown off). */
final class V2Requests {

    private static final JsonFields F = new JsonFields(ErrorCodes.REKOR_INVALID_REQUEST);

    private static final String[] HASHED_REKORD = {"hashedRekordRequestV002", "hashed_rekord_request_v002"};
    private static final String[] DSSE = {"dsseRequestV002", "dsse_request_v002"};
    private static final String[] DIGEST = {"digest"};
    private static final String[] SIGNATURE = {"signature"};
    private static final String[] CONTENT = {"content"};
    private static final String[] VERIFIER = {"verifier"};
    private static final String[] PUBLIC_KEY = {"publicKey", "public_key"};
    private static final String[] CERTIFICATE = {"x509Certificate", "x509_certificate"};
    private static final String[] KEY_DETAILS = {"keyDetails", "key_details"};
    private static final String[] RAW_BYTES = {"rawBytes", "raw_bytes"};

    private V2Requests() {
    }

    static HashedRekordRequest parse(byte[] json, JsonLimits limits) {
        ObjectNode root = F.object(parseJson(json, limits), "request");
        F.onlyKnown(root, names(HASHED_REKORD, DSSE), "CreateEntryRequest");
        if (F.member(root, DSSE) != null) {
            throw F.fail("dsseRequestV002 is not accepted: log a DSSE signature as a hashedRekordRequestV002");
        }
        ObjectNode request = F.object(F.required(root, HASHED_REKORD), "hashedRekordRequestV002");
        F.onlyKnown(request, names(DIGEST, SIGNATURE), "hashedRekordRequestV002");
        byte[] digest = F.bytes(F.required(request, DIGEST), "digest");
        ObjectNode signature = F.object(F.required(request, SIGNATURE), "signature");
        F.onlyKnown(signature, names(CONTENT, VERIFIER), "signature");
        byte[] content = F.bytes(F.required(signature, CONTENT), "signature.content");
        ObjectNode verifier = F.object(F.required(signature, VERIFIER), "signature.verifier");
        F.onlyKnown(verifier, names(PUBLIC_KEY, CERTIFICATE, KEY_DETAILS), "verifier");
        byte[] spki = verifierSpki(verifier);
        KeyAlgorithm alg = algorithm(F.string(F.required(verifier, KEY_DETAILS), "keyDetails"), spki);
        return new HashedRekordRequest(Bytes.of(digest), Bytes.of(content), Bytes.of(spki), alg);
    }

    private static JsonNode parseJson(byte[] json, JsonLimits limits) {
        try {
            return StrictJson.parse(json, limits);
        } catch (AttestorException e) {
            if (ErrorCodes.REQUEST_TOO_LARGE.equals(e.code())) {
                throw e;
            }
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST, e.getMessage(), e);
        }
    }

    /** The DER SPKI of the verifier's key, taken from the public key or from the certificate. */
    private static byte[] verifierSpki(ObjectNode verifier) {
        JsonNode key = F.member(verifier, PUBLIC_KEY);
        JsonNode cert = F.member(verifier, CERTIFICATE);
        if ((key == null) == (cert == null)) {
            throw F.fail("verifier needs exactly one of publicKey and x509Certificate");
        }
        if (key != null) {
            return rawBytes(key, "publicKey");
        }
        byte[] der = rawBytes(cert, "x509Certificate");
        try {
            Certificate parsed = Certificate.getInstance(der);
            if (parsed == null || !Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), der)) {
                throw F.fail("x509Certificate is not a DER certificate");
            }
            return parsed.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST, "x509Certificate is not a DER certificate", e);
        }
    }

    private static byte[] rawBytes(JsonNode node, String what) {
        ObjectNode obj = F.object(node, what);
        F.onlyKnown(obj, names(RAW_BYTES), what);
        return F.bytes(F.required(obj, RAW_BYTES), what + ".rawBytes");
    }

    /** Maps keyDetails to an algorithm and checks that it names exactly this key (curve, RSA size). */
    private static KeyAlgorithm algorithm(String keyDetails, byte[] spki) {
        KeyAlgorithm alg = knownAlgorithm(keyDetails);
        try {
            PublicKey key = PublicKeys.parseSpki(spki);
            if (!PublicKeys.keyDetails(key, alg).equals(keyDetails)) {
                throw F.fail("keyDetails " + keyDetails + " does not match the key");
            }
        } catch (AttestorException e) {
            if (ErrorCodes.REKOR_INVALID_REQUEST.equals(e.code())) {
                throw e;
            }
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST,
                    "verifier key is unusable with " + keyDetails + ": " + e.getMessage(), e);
        }
        return alg;
    }

    static KeyAlgorithm knownAlgorithm(String keyDetails) {
        switch (keyDetails) {
            case "PKIX_ECDSA_P256_SHA_256":
                return KeyAlgorithm.ECDSA_P256_SHA256;
            case "PKIX_ECDSA_P384_SHA_384":
                return KeyAlgorithm.ECDSA_P384_SHA384;
            case "PKIX_ED25519":
                return KeyAlgorithm.ED25519;
            default:
                if (keyDetails.matches("PKIX_RSA_PKCS1V15_(2048|3072|4096)_SHA256")) {
                    return KeyAlgorithm.RSA_PKCS1_SHA256;
                }
                if (keyDetails.matches("PKIX_RSA_PSS_(2048|3072|4096)_SHA256")) {
                    return KeyAlgorithm.RSA_PSS_SHA256;
                }
                throw F.fail("unknown or unsupported keyDetails " + keyDetails);
        }
    }

    private static Set<String> names(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).collect(java.util.stream.Collectors.toSet());
    }
}
