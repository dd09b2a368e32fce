package org.stellaops.attestor.tlog.rekor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * Checks that the body a Rekor v1 log stored is the entry we proposed. Rekor v1 re-canonicalises entries (it
 * re-encodes public keys, drops the intoto payload), so bodies are compared on the members that identify the
 * signature: kind and version, and for hashedrekord the digest and signature, for intoto the envelope hash,
 * payload type and signatures.
 */
final class V1Bodies {

    private static final List<String> HASHEDREKORD_PATHS = List.of("/spec/data/hash/algorithm", "/spec/data/hash/value",
            "/spec/signature/content");
    private static final List<String> INTOTO_PATHS = List.of("/spec/content/hash/algorithm", "/spec/content/hash/value",
            "/spec/content/envelope/payloadType");
    private static final String INTOTO_SIGNATURES = "/spec/content/envelope/signatures";

    private V1Bodies() {
    }

    /**
     * @param proposal the proposed entry we sent
     * @param body the body the log returned
     * @return what differs, or empty if the body records our proposal
     */
    static Optional<String> mismatch(byte[] proposal, byte[] body) {
        JsonNode proposed = StrictJson.parse(proposal, JsonLimits.DEFAULT);
        JsonNode logged;
        try {
            logged = StrictJson.parse(body, JsonLimits.DEFAULT);
        } catch (AttestorException e) {
            return Optional.of("the logged body is not JSON (" + e.code() + "): " + e.getMessage());
        }
        for (String member : List.of("/kind", "/apiVersion")) {
            if (!proposed.at(member).equals(logged.at(member))) {
                return Optional.of(member + " is " + logged.at(member) + ", expected " + proposed.at(member));
            }
        }
        boolean intoto = "intoto".equals(proposed.at("/kind").asText());
        for (String path : intoto ? INTOTO_PATHS : HASHEDREKORD_PATHS) {
            if (!proposed.at(path).isMissingNode() && !proposed.at(path).equals(logged.at(path))) {
                return Optional.of(path + " of the logged body differs from the proposed entry");
            }
        }
        return intoto ? signaturesMismatch(proposed.at(INTOTO_SIGNATURES), logged.at(INTOTO_SIGNATURES)) : Optional.empty();
    }

    private static Optional<String> signaturesMismatch(JsonNode proposed, JsonNode logged) {
        if (!proposed.isArray() || !logged.isArray()) {
            return Optional.of("intoto envelope signatures are missing");
        }
        Set<JsonNode> loggedSigs = new HashSet<>();
        logged.forEach(s -> loggedSigs.add(s.path("sig")));
        for (JsonNode s : proposed) {
            if (!loggedSigs.contains(s.path("sig"))) {
                return Optional.of("the logged intoto envelope lacks a proposed signature");
            }
        }
        return loggedSigs.size() == proposed.size() ? Optional.empty()
                : Optional.of("the logged intoto envelope has signatures that were not proposed");
    }
}
