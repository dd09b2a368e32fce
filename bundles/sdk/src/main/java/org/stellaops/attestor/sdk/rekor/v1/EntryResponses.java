package org.stellaops.attestor.sdk.rekor.v1;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.internal.JsonFields;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/** Decoding of the Rekor v1 LogEntry response: {@code {"<entry ID>": {body, integratedTime, logID, ...}}}. */
final class EntryResponses {

    private static final JsonFields F = new JsonFields(ErrorCodes.REKOR_INVALID_RESPONSE);

    private EntryResponses() {
    }

    static RekorV1.V1Entry parse(byte[] json, JsonLimits limits) {
        ObjectNode root = F.object(parseJson(json, limits), "response");
        if (root.size() != 1) {
            throw F.fail("a log entry response has exactly one member, the entry ID");
        }
        Map.Entry<String, JsonNode> only = root.fields().next();
        String entryId = only.getKey();
        if (!entryId.matches("[0-9a-f]{64}|[0-9a-f]{80}")) {
            throw F.fail("entry ID must be 64 or 80 lowercase hex digits");
        }
        ObjectNode entry = F.object(only.getValue(), "entry");
        byte[] body = F.bytes(F.required(entry, "body"), "body");
        long integratedTime = F.int64(F.required(entry, "integratedTime"), "integratedTime");
        String logId = hex(F.required(entry, "logID"), "logID", 32);
        long logIndex = F.int64(F.required(entry, "logIndex"), "logIndex");
        ObjectNode verification = F.object(F.required(entry, "verification"), "verification");
        byte[] set = F.bytes(F.required(verification, "signedEntryTimestamp"), "signedEntryTimestamp");
        ObjectNode proof = F.object(F.required(verification, "inclusionProof"), "inclusionProof");
        long proofIndex = F.int64(F.required(proof, "logIndex"), "inclusionProof.logIndex");
        long treeSize = F.int64(F.required(proof, "treeSize"), "inclusionProof.treeSize");
        if (proofIndex >= treeSize) {
            throw F.fail("inclusion proof index " + proofIndex + " is outside its tree of size " + treeSize);
        }
        byte[] rootHash = HexFormat.of().parseHex(hex(F.required(proof, "rootHash"), "rootHash", 32));
        List<byte[]> hashes = hashes(F.required(proof, "hashes"));
        String checkpoint = F.string(F.required(proof, "checkpoint"), "checkpoint");
        if (checkpoint.isEmpty()) {
            throw F.fail("empty checkpoint");
        }
        return new RekorV1.V1Entry(entryId, body, integratedTime, logId, logIndex, treeSize, rootHash, hashes,
                checkpoint, set, proofIndex);
    }

    private static JsonNode parseJson(byte[] json, JsonLimits limits) {
        try {
            return StrictJson.parse(json, limits);
        } catch (AttestorException e) {
            throw new AttestorException(ErrorCodes.REKOR_INVALID_RESPONSE, "response: " + e.getMessage(), e);
        }
    }

    private static String hex(JsonNode node, String what, int bytes) {
        String text = F.string(node, what);
        if (!text.matches("[0-9a-fA-F]{" + 2 * bytes + "}")) {
            throw F.fail(what + " must be " + 2 * bytes + " hex digits");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static List<byte[]> hashes(JsonNode node) {
        if (!node.isArray()) {
            throw F.fail("inclusionProof.hashes must be an array");
        }
        List<byte[]> out = new ArrayList<>(node.size());
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            out.add(HexFormat.of().parseHex(hex(it.next(), "inclusionProof.hashes[]", 32)));
        }
        return out;
    }
}
