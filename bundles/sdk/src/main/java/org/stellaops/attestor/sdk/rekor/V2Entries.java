package org.stellaops.attestor.sdk.rekor;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.JsonFields;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The protojson form of {@code dev.sigstore.rekor.v1.TransparencyLogEntry} as Rekor v2 returns it (EmitUnpopulated:
 * int64 as strings, bytes as standard base64, unset messages as null).
 */
final class V2Entries {

    private static final JsonFields F = new JsonFields(ErrorCodes.REKOR_INVALID_RESPONSE);
    private static final int HASH_LENGTH = 32;

    private V2Entries() {
    }

    static ObjectNode entryNode(LogEntry entry, byte[] logKeyId32) {
        if (logKeyId32 == null || logKeyId32.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a Rekor v2 log ID has 32 bytes");
        }
        InclusionProof p = entry.inclusionProof();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("logIndex", Long.toString(entry.logIndex()));
        root.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(logKeyId32));
        ObjectNode kind = root.putObject("kindVersion");
        kind.put("kind", "hashedrekord");
        kind.put("version", "0.0.2");
        root.put("integratedTime", "0");
        root.putNull("inclusionPromise");
        ObjectNode proof = root.putObject("inclusionProof");
        proof.put("logIndex", Long.toString(p.logIndex()));
        proof.put("rootHash", p.rootHash().base64());
        proof.put("treeSize", Long.toString(p.treeSize()));
        ArrayNode hashes = proof.putArray("hashes");
        p.hashes().forEach(h -> hashes.add(h.base64()));
        proof.putObject("checkpoint").put("envelope", p.checkpoint());
        root.put("canonicalizedBody", entry.canonicalizedBody().base64());
        return root;
    }

    static RekorV2.ParsedEntry parse(byte[] json, JsonLimits limits) {
        ObjectNode root = F.object(parseJson(json, limits), "entry");
        long logIndex = optionalInt64(root, "logIndex", "log_index");
        ObjectNode logId = F.object(F.required(root, "logId", "log_id"), "logId");
        byte[] keyId = F.bytes(F.required(logId, "keyId", "key_id"), "logId.keyId");
        ObjectNode kindVersion = F.object(F.required(root, "kindVersion", "kind_version"), "kindVersion");
        String kind = F.string(F.required(kindVersion, "kind"), "kindVersion.kind");
        String version = F.string(F.required(kindVersion, "version"), "kindVersion.version");
        byte[] body = F.bytes(F.required(root, "canonicalizedBody", "canonicalized_body"), "canonicalizedBody");
        ObjectNode proof = F.object(F.required(root, "inclusionProof", "inclusion_proof"), "inclusionProof");
        long proofIndex = optionalInt64(proof, "logIndex", "log_index");
        long treeSize = optionalInt64(proof, "treeSize", "tree_size");
        byte[] rootHash = hash(F.required(proof, "rootHash", "root_hash"), "inclusionProof.rootHash");
        List<byte[]> hashes = hashes(F.member(proof, "hashes"));
        ObjectNode checkpoint = F.object(F.required(proof, "checkpoint"), "inclusionProof.checkpoint");
        String note = F.string(F.required(checkpoint, "envelope"), "checkpoint.envelope");
        if (kind.isEmpty() || version.isEmpty() || note.isEmpty()) {
            throw F.fail("kind, version and checkpoint must not be empty");
        }
        if (proofIndex >= treeSize) {
            throw F.fail("inclusion proof index " + proofIndex + " is outside its tree of size " + treeSize);
        }
        return new RekorV2.ParsedEntry(logIndex, keyId, kind, version, body, proofIndex, treeSize, rootHash, hashes,
                note);
    }

    private static JsonNode parseJson(byte[] json, JsonLimits limits) {
        try {
            return StrictJson.parse(json, limits);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_RESPONSE, "response: " + e.getMessage(), e);
        }
    }

    /** proto3 leaves zero-valued int64 fields out unless EmitUnpopulated is set, so absent means 0. */
    private static long optionalInt64(ObjectNode obj, String... names) {
        JsonNode value = F.member(obj, names);
        return value == null ? 0 : F.int64(value, names[0]);
    }

    private static byte[] hash(JsonNode node, String what) {
        byte[] value = F.bytes(node, what);
        if (value.length != HASH_LENGTH) {
            throw F.fail(what + " must be 32 bytes");
        }
        return value;
    }

    private static List<byte[]> hashes(JsonNode node) {
        List<byte[]> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isArray()) {
            throw F.fail("inclusionProof.hashes must be an array");
        }
        for (JsonNode h : node) {
            out.add(hash(h, "inclusionProof.hashes[]"));
        }
        return out;
    }
}
