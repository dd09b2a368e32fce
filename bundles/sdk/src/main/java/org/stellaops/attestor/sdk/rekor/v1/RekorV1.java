package org.stellaops.attestor.sdk.rekor.v1;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.internal.ByteLists;
import org.stellaops.attestor.sdk.internal.JsonOut;
import org.stellaops.attestor.sdk.json.JsonLimits;

/**
 * The Rekor v1 wire format (sigstore/rekor openapi.yaml): proposed hashedrekord v0.0.1 and intoto v0.0.2 entries
 * for {@code POST /api/v1/log/entries}, the LogEntry response, and the signed entry timestamp.
 */
public final class RekorV1 {

    /** The HTTP path of entry creation and lookup. */
    public static final String ENTRIES_PATH = "/api/v1/log/entries";

    private RekorV1() {
    }

    /**
     * A hashedrekord v0.0.1 proposed entry.
     *
     * @param req the request (digest, signature over it, signer SPKI, algorithm)
     * @return UTF-8 JSON {@code {"apiVersion":"0.0.1","kind":"hashedrekord","spec":{"data":{"hash":{"algorithm":
     *         "sha256"|"sha384"|"sha512","value":hex}},"signature":{"content":b64,"publicKey":{"content":b64 PEM}}}}}
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.*} codes for an unusable key,
     *         {@code rekor.invalid_request} if the digest length does not match the algorithm's hash
     */
    public static byte[] hashedRekordProposal(HashedRekordRequest req) {
        return JsonOut.write(Proposals.hashedRekord(req));
    }

    /**
     * An intoto v0.0.2 proposed entry carrying the envelope signatures made by one signer (Rekor verifies every
     * listed signature against the key listed with it).
     *
     * @param env the envelope
     * @param signer the signer's public key
     * @return UTF-8 JSON {@code {"apiVersion":"0.0.2","kind":"intoto","spec":{"content":{"envelope":{"payloadType",
     *         "payload":b64(b64),"signatures":[{"sig":b64(b64),"publicKey":b64 PEM,"keyid"?}]},"hash":{"algorithm":
     *         "sha256","value":hex},"payloadHash":{"algorithm":"sha256","value":hex}}}}}
     * @throws org.stellaops.attestor.sdk.AttestorException {@code rekor.bad_signature} if no signature of the
     *         envelope verifies under the key, {@code key.*} codes for an unusable key
     */
    public static byte[] intotoProposal(Envelope env, PublicKey signer) {
        return JsonOut.write(Proposals.intoto(env, signer));
    }

    /**
     * Decodes a LogEntry response (creation or lookup). Unknown members, such as {@code attestation}, are ignored.
     *
     * @param json the response body
     * @param limits parsing limits
     * @return the entry
     * @throws org.stellaops.attestor.sdk.AttestorException {@code rekor.invalid_response} for anything malformed:
     *         not exactly one member, an entry ID that is not 64 or 80 hex digits, a missing or mistyped field, bad
     *         base64 or hex, hashes that are not 32 bytes, a proof index outside its tree
     */
    public static V1Entry parseEntryResponse(byte[] json, JsonLimits limits) {
        return EntryResponses.parse(json, limits);
    }

    /**
     * Verifies an entry's signed entry timestamp: the log's signature over the JCS form of
     * {@code {"body": base64(body), "integratedTime": n, "logID": hex, "logIndex": n}}.
     *
     * @param e the entry
     * @param logKey the log's public key (ECDSA P-256 for public Rekor; DER signatures)
     * @return true if the SET verifies
     * @throws org.stellaops.attestor.sdk.AttestorException {@code key.*} codes if the key type is unsupported
     */
    public static boolean verifySet(V1Entry e, PublicKey logKey) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("body", Base64.getEncoder().encodeToString(e.body()));
        payload.put("integratedTime", e.integratedTime());
        payload.put("logID", e.logIdHex());
        payload.put("logIndex", e.logIndex());
        return Signatures.verify(logKey, PublicKeys.defaultAlgorithm(logKey), Jcs.canonicalize(payload),
                e.signedEntryTimestamp());
    }

    /**
     * One Rekor v1 log entry. Arrays are copied in and out.
     *
     * @param entryId the entry ID: 80 hex digits (tree ID and UUID) or 64 (UUID only)
     * @param body the canonical entry body (decoded from base64)
     * @param integratedTime when the log integrated the entry, POSIX seconds
     * @param logIdHex lowercase hex SHA-256 of the log's DER public key
     * @param logIndex the entry's index across all shards (the one the SET covers)
     * @param treeSize the size of the tree the inclusion proof is for
     * @param rootHash that tree's root (32 bytes)
     * @param hashes the audit path, leaf side first (32 bytes each)
     * @param checkpoint the signed checkpoint note for {@code treeSize}
     * @param signedEntryTimestamp the log's signature over the entry (DER ECDSA for public Rekor)
     * @param proofLogIndex the entry's index inside the tree of the inclusion proof (differs from
     *        {@code logIndex} on sharded logs; verify the inclusion proof with this one)
     */
    public record V1Entry(String entryId, byte[] body, long integratedTime, String logIdHex, long logIndex,
                          long treeSize, byte[] rootHash, List<byte[]> hashes, String checkpoint,
                          byte[] signedEntryTimestamp, long proofLogIndex) {

        /**
         * Validates and copies the parts.
         *
         * @param entryId not null
         * @param body not null
         * @param integratedTime not negative
         * @param logIdHex not null
         * @param logIndex not negative
         * @param treeSize the proof's tree size
         * @param rootHash not null
         * @param hashes not null
         * @param checkpoint not null
         * @param signedEntryTimestamp not null
         * @param proofLogIndex not negative
         */
        public V1Entry {
            Objects.requireNonNull(entryId, "entryId");
            body = body.clone();
            Objects.requireNonNull(logIdHex, "logIdHex");
            rootHash = rootHash.clone();
            hashes = ByteLists.copy(hashes);
            Objects.requireNonNull(checkpoint, "checkpoint");
            signedEntryTimestamp = signedEntryTimestamp.clone();
            if (integratedTime < 0 || logIndex < 0 || proofLogIndex < 0) {
                throw new IllegalArgumentException("negative time or index");
            }
        }

        /**
         * The entry of an unsharded log, where the inclusion proof's index is the log index.
         *
         * @param entryId the entry ID
         * @param body the canonical body
         * @param integratedTime integration time
         * @param logIdHex the log ID
         * @param logIndex the log index (also the proof's leaf index)
         * @param treeSize the proof's tree size
         * @param rootHash the proof's root
         * @param hashes the audit path
         * @param checkpoint the signed checkpoint
         * @param signedEntryTimestamp the SET
         */
        public V1Entry(String entryId, byte[] body, long integratedTime, String logIdHex, long logIndex,
                       long treeSize, byte[] rootHash, List<byte[]> hashes, String checkpoint,
                       byte[] signedEntryTimestamp) {
            this(entryId, body, integratedTime, logIdHex, logIndex, treeSize, rootHash, hashes, checkpoint,
                    signedEntryTimestamp, logIndex);
        }

        /** @return a copy of the canonical body */
        @Override
        public byte[] body() {
            return body.clone();
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

        /** @return a copy of the SET */
        @Override
        public byte[] signedEntryTimestamp() {
            return signedEntryTimestamp.clone();
        }

        /** @return the UUID part of the entry ID: its last 64 hex digits (the hex RFC 6962 leaf hash) */
        public String uuid() {
            return entryId.substring(entryId.length() - 64);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof V1Entry e && entryId.equals(e.entryId) && integratedTime == e.integratedTime
                    && logIdHex.equals(e.logIdHex) && logIndex == e.logIndex && treeSize == e.treeSize
                    && proofLogIndex == e.proofLogIndex && checkpoint.equals(e.checkpoint)
                    && Arrays.equals(body, e.body) && Arrays.equals(rootHash, e.rootHash)
                    && Arrays.equals(signedEntryTimestamp, e.signedEntryTimestamp) && ByteLists.equal(hashes, e.hashes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, logIndex, treeSize, Arrays.hashCode(rootHash));
        }

        @Override
        public String toString() {
            return "V1Entry[" + entryId + ", logIndex=" + logIndex + ", integratedTime=" + integratedTime
                    + ", treeSize=" + treeSize + "]";
        }
    }
}
