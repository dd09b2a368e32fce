package org.stellaops.attestor.sdk.rekor;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.internal.ByteLists;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.internal.JsonOut;
import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * The Rekor v2 (rekor-tiles) wire format: the {@code hashedRekordRequestV002} CreateEntry request, the checks the
 * log applies before logging it, the TransparencyLogEntry response and the gRPC-gateway error body.
 */
public final class RekorV2 {

    /** The HTTP path of CreateEntry. */
    public static final String ENTRIES_PATH = "/api/v2/log/entries";

    private static final List<Integer> RSA_SIZES = List.of(2048, 3072, 4096);

    private RekorV2() {
    }

    /**
     * Encodes a CreateEntry request.
     *
     * @param req the request
     * @return UTF-8 JSON {@code {"hashedRekordRequestV002":{"digest","signature":{"content","verifier":{"publicKey":
     *         {"rawBytes"},"keyDetails"}}}}} with standard base64 bytes and the key's keyDetails
     * @throws AttestorException {@code key.*} codes if the key cannot be used with the request's algorithm
     */
    public static byte[] requestJson(HashedRekordRequest req) {
        PublicKey key = PublicKeys.parseSpki(req.publicKey().value());
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode body = root.putObject("hashedRekordRequestV002");
        body.put("digest", req.digest().base64());
        ObjectNode signature = body.putObject("signature");
        signature.put("content", req.signature().base64());
        ObjectNode verifier = signature.putObject("verifier");
        verifier.putObject("publicKey").put("rawBytes", req.publicKey().base64());
        verifier.put("keyDetails", PublicKeys.keyDetails(key, req.algorithm()));
        return JsonOut.write(root);
    }

    /**
     * Decodes a CreateEntry request with protojson rules: camelCase or snake_case names, no unknown or repeated
     * fields, a JSON null counting as absent. A {@code x509Certificate} verifier is accepted and its SPKI used.
     *
     * @param json the request body
     * @param limits parsing limits
     * @return the request
     * @throws AttestorException {@code request.too_large} above the size limit; {@code rekor.invalid_request} for
     *         malformed JSON, a DSSE request, unknown or missing fields, bad base64, both or neither of publicKey
     *         and x509Certificate, an unknown keyDetails or one that does not match the key (RSA size included)
     */
    public static HashedRekordRequest parseRequest(byte[] json, JsonLimits limits) {
        return V2Requests.parse(json, limits);
    }

    /**
     * Tells whether rekor-tiles' default algorithm registry accepts an algorithm.
     *
     * @param alg the algorithm
     * @return true for ECDSA P-256/SHA-256, ECDSA P-384/SHA-384 and RSA PKCS#1 v1.5/SHA-256; false for pure Ed25519
     *         (hashedrekord has no preimage to verify it over) and RSA-PSS
     */
    public static boolean acceptsAlgorithm(KeyAlgorithm alg) {
        return alg == KeyAlgorithm.ECDSA_P256_SHA256 || alg == KeyAlgorithm.ECDSA_P384_SHA384
                || alg == KeyAlgorithm.RSA_PKCS1_SHA256;
    }

    /**
     * Applies the log's checks to a request.
     *
     * @param req the request
     * @throws AttestorException {@code rekor.unsupported_algorithm} if the algorithm (or the RSA size, which must be
     *         2048, 3072 or 4096) is not accepted; {@code rekor.invalid_request} if the key is unusable or the digest
     *         length is not the algorithm's hash length; {@code rekor.bad_signature} if the signature does not verify
     *         over the digest
     */
    public static void checkAcceptable(HashedRekordRequest req) {
        KeyAlgorithm alg = req.algorithm();
        if (!acceptsAlgorithm(alg)) {
            throw new AttestorException(ErrorCodes.REKOR_UNSUPPORTED_ALGORITHM, alg + " signatures are not accepted");
        }
        PublicKey key = usableKey(req);
        if (key instanceof RSAPublicKey rsa && !RSA_SIZES.contains(rsa.getModulus().bitLength())) {
            throw new AttestorException(ErrorCodes.REKOR_UNSUPPORTED_ALGORITHM,
                    "RSA keys of " + rsa.getModulus().bitLength() + " bits are not accepted");
        }
        int expected = Hashing.newDigest(alg.hashAlgorithm()).getDigestLength();
        if (req.digest().length() != expected) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST, "digest has " + req.digest().length()
                    + " bytes, " + alg.hashAlgorithm() + " has " + expected);
        }
        if (!Prehash.verify(key, alg, req.digest().value(), req.signature().value())) {
            throw new AttestorException(ErrorCodes.REKOR_BAD_SIGNATURE, "signature does not verify over the digest");
        }
    }

    /**
     * Encodes a logged entry as Rekor v2 returns it.
     *
     * @param entry the entry with its inclusion proof and signed checkpoint
     * @param logKeyId32 the 32-byte log ID ({@code logId.keyId})
     * @return UTF-8 JSON of the TransparencyLogEntry
     */
    public static byte[] entryJson(LogEntry entry, byte[] logKeyId32) {
        return JsonOut.write(V2Entries.entryNode(entry, logKeyId32));
    }

    /**
     * Decodes a TransparencyLogEntry response. Unknown members are ignored (responses may grow); int64 values may
     * be strings or numbers and default to 0 when absent, as in proto3.
     *
     * @param json the response body
     * @param limits parsing limits
     * @return the entry's fields
     * @throws AttestorException {@code rekor.invalid_response} for anything malformed: bad JSON, missing logId,
     *         kindVersion, canonicalizedBody, inclusionProof or checkpoint, hashes that are not 32 bytes, a proof
     *         index outside its tree
     */
    public static ParsedEntry parseEntry(byte[] json, JsonLimits limits) {
        return V2Entries.parse(json, limits);
    }

    /**
     * The error body of the gRPC gateway.
     *
     * @param grpcCode the gRPC status code, for example 3 (INVALID_ARGUMENT)
     * @param message the message
     * @return {@code {"code":3,"message":"…","details":[]}}
     */
    public static String errorJson(int grpcCode, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("code", grpcCode);
        root.put("message", Objects.requireNonNull(message, "message"));
        root.putArray("details");
        return new String(JsonOut.write(root), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static PublicKey usableKey(HashedRekordRequest req) {
        try {
            PublicKey key = PublicKeys.parseSpki(req.publicKey().value());
            PublicKeys.checkCompatible(key, req.algorithm());
            return key;
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_REQUEST, "verifier key: " + e.getMessage(), e);
        }
    }

    /**
     * The fields of a Rekor v2 TransparencyLogEntry. Arrays are copied in and out.
     *
     * @param logIndex the top-level log index
     * @param logKeyId {@code logId.keyId}
     * @param kind {@code kindVersion.kind}
     * @param version {@code kindVersion.version}
     * @param canonicalizedBody the logged entry bytes
     * @param proofLogIndex {@code inclusionProof.logIndex}
     * @param treeSize {@code inclusionProof.treeSize}
     * @param rootHash {@code inclusionProof.rootHash} (32 bytes)
     * @param hashes the audit path, leaf side first (32 bytes each)
     * @param checkpoint {@code inclusionProof.checkpoint.envelope}, the signed checkpoint note
     */
    public record ParsedEntry(long logIndex, byte[] logKeyId, String kind, String version, byte[] canonicalizedBody,
                              long proofLogIndex, long treeSize, byte[] rootHash, List<byte[]> hashes,
                              String checkpoint) {

        /**
         * Copies the parts.
         *
         * @param logIndex not negative
         * @param logKeyId not null
         * @param kind not null
         * @param version not null
         * @param canonicalizedBody not null
         * @param proofLogIndex not negative
         * @param treeSize not negative
         * @param rootHash not null
         * @param hashes not null
         * @param checkpoint not null
         */
        public ParsedEntry {
            logKeyId = logKeyId.clone();
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(version, "version");
            canonicalizedBody = canonicalizedBody.clone();
            rootHash = rootHash.clone();
            hashes = ByteLists.copy(hashes);
            Objects.requireNonNull(checkpoint, "checkpoint");
        }

        /** @return a copy of the log ID */
        @Override
        public byte[] logKeyId() {
            return logKeyId.clone();
        }

        /** @return a copy of the logged entry bytes */
        @Override
        public byte[] canonicalizedBody() {
            return canonicalizedBody.clone();
        }

        /** @return a copy of the root hash */
        @Override
        public byte[] rootHash() {
            return rootHash.clone();
        }

        /** @return copies of the audit path hashes */
        @Override
        public List<byte[]> hashes() {
            return ByteLists.copy(hashes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParsedEntry e && logIndex == e.logIndex && proofLogIndex == e.proofLogIndex
                    && treeSize == e.treeSize && kind.equals(e.kind) && version.equals(e.version)
                    && checkpoint.equals(e.checkpoint) && Arrays.equals(logKeyId, e.logKeyId)
                    && Arrays.equals(canonicalizedBody, e.canonicalizedBody) && Arrays.equals(rootHash, e.rootHash)
                    && ByteLists.equal(hashes, e.hashes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(logIndex, treeSize, Arrays.hashCode(canonicalizedBody), Arrays.hashCode(rootHash));
        }

        @Override
        public String toString() {
            return "ParsedEntry[logIndex=" + logIndex + ", kind=" + kind + "/" + version + ", treeSize=" + treeSize
                    + ", proof=" + hashes.size() + " hashes]";
        }
    }
}
