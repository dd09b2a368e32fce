package org.stellaops.attestor.tlog.rekor;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * What the test Rekor v1 server stores for a proposed entry, after rekor's types: hashedrekord v0.0.1 as proposed,
 * intoto v0.0.2 without the payload and with the payload hash added (pkg/types/intoto/v0.0.2 Canonicalize).
 */
final class V1Canonical {

    private V1Canonical() {
    }

    /**
     * @param proposal the proposed entry
     * @return the canonical body (RFC 8785)
     * @throws IllegalArgumentException if it is not an acceptable proposal
     */
    static byte[] body(JsonNode proposal) {
        String kind = proposal.path("kind").asText();
        if (kind.equals("hashedrekord") && proposal.at("/spec/data/hash/value").isTextual()
                && proposal.at("/spec/signature/content").isTextual()) {
            return Jcs.canonicalize(proposal);
        }
        if (kind.equals("intoto") && proposal.at("/spec/content/envelope/payload").isTextual()) {
            return Jcs.canonicalize(intoto(proposal));
        }
        throw new IllegalArgumentException("unsupported or incomplete entry of kind '" + kind + "'");
    }

    private static JsonNode intoto(JsonNode proposal) {
        JsonNode content = proposal.at("/spec/content");
        byte[] payload = Base64.getDecoder().decode(Base64.getDecoder().decode(content.at("/envelope/payload").asText()));
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("apiVersion", "0.0.2");
        root.put("kind", "intoto");
        ObjectNode canonical = root.putObject("spec").putObject("content");
        ObjectNode envelope = canonical.putObject("envelope");
        envelope.set("payloadType", content.at("/envelope/payloadType"));
        envelope.set("signatures", content.at("/envelope/signatures"));
        canonical.set("hash", content.path("hash"));
        ObjectNode payloadHash = canonical.putObject("payloadHash");
        payloadHash.put("algorithm", "sha256");
        payloadHash.put("value", V1TestLog.sha256Hex(payload));
        return root;
    }
}
