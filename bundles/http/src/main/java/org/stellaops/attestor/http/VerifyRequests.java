package org.stellaops.attestor.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PolicyService.PolicyRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.encoding.StrictBase64;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * Reads the body of {@code POST /api/v1/rekor/verify} — {@code {"uuid"}}, {@code {"envelope"}} or
 * {@code {"envelope","tlogEntries"}}, each optionally with {@code "rfc3161Timestamps":[{"signedTimestamp":"<base64
 * DER>"}, …]} (the shape of a Sigstore bundle's {@code verificationMaterial.timestampVerificationData}) — which is
 * also the shape of one item of {@code verify:batch}.
 */
final class VerifyRequests {

    /** Room for the JSON around an envelope in a verify request. */
    static final int WRAPPER_ALLOWANCE = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TLOG_ENTRIES = 64;

    private VerifyRequests() {
    }

    /**
     * Parses a JSON object strictly (no duplicate member, depth limit).
     *
     * @param body the JSON text
     * @return the object
     * @throws AttestorException {@code json.*} codes, or {@code request.malformed} if it is not an object
     */
    static JsonNode object(byte[] body) {
        JsonNode node = StrictJson.parse(body, new JsonLimits(body.length + 1, JsonLimits.DEFAULT.maxDepth()));
        if (!node.isObject()) {
            throw new AttestorException("request.malformed", "the request body must be a JSON object");
        }
        return node;
    }

    /**
     * @param request a parsed verify request
     * @return what to verify
     * @throws AttestorException {@code request.malformed} for another shape
     */
    static VerifyRequest of(JsonNode request) {
        JsonNode uuid = request.get("uuid");
        JsonNode envelope = request.get("envelope");
        if ((uuid == null) == (envelope == null)) {
            throw malformed("send exactly one of {\"uuid\"} or {\"envelope\"}");
        }
        JsonNode tlogEntries = request.get("tlogEntries");
        if (tlogEntries != null && (envelope == null || !tlogEntries.isArray())) {
            throw malformed("tlogEntries must be an array of TransparencyLogEntry objects, sent with an envelope");
        }
        List<byte[]> timestamps = timestampsOf(request.get("rfc3161Timestamps"));
        if (uuid != null) {
            if (!uuid.isTextual()) {
                throw malformed("\"uuid\" must be a string");
            }
            return new VerifyRequest(uuid.asText(), null, null, timestamps);
        }
        if (tlogEntries != null && (tlogEntries.isEmpty() || tlogEntries.size() > MAX_TLOG_ENTRIES)) {
            throw malformed("tlogEntries must hold 1 to " + MAX_TLOG_ENTRIES + " entries");
        }
        return new VerifyRequest(null, bytes(envelope), tlogEntries == null ? null : entriesOf(tlogEntries),
                timestamps);
    }

    /**
     * @param array the {@code rfc3161Timestamps} member, or null
     * @return each item's decoded {@code signedTimestamp} (DER), in order; empty when the member is absent
     * @throws AttestorException {@code request.malformed} naming the item that cannot be read
     */
    static List<byte[]> timestampsOf(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        int most = VerifyRequest.MAX_TIMESTAMPS;
        if (!array.isArray() || array.isEmpty() || array.size() > most) {
            throw malformed("rfc3161Timestamps must be an array of 1 to " + most
                    + " {\"signedTimestamp\":\"<base64 DER>\"} objects");
        }
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode signed = item.isObject() ? item.get("signedTimestamp") : null;
            String name = "rfc3161Timestamps[" + i + "]";
            if (signed == null || !signed.isTextual() || signed.asText().isEmpty()) {
                throw malformed(name + " must be an object with a non-empty string \"signedTimestamp\"");
            }
            try {
                tokens.add(StrictBase64.decode(signed.asText()));
            } catch (IllegalArgumentException e) {
                throw malformed(name + ".signedTimestamp is not base64: " + e.getMessage());
            }
        }
        return tokens;
    }

    /**
     * The policy a verify request asks to be judged by: {@code "policy":"<id>[@<version>]"} (a stored policy) or
     * {@code "policyDocument":{…}} (a document by value), with the options {@code "subject":"<alg>:<hex>"} and
     * {@code "vsa":true}, which need a policy.
     *
     * @param request a parsed verify request
     * @return the policy request, or null when the request names no policy
     * @throws AttestorException {@code request.malformed} for another shape
     */
    static PolicyRequest policyOf(JsonNode request) {
        JsonNode policy = request.get("policy");
        JsonNode document = request.get("policyDocument");
        JsonNode subject = request.get("subject");
        JsonNode vsa = request.get("vsa");
        if (policy == null && document == null) {
            if (subject != null || vsa != null) {
                throw malformed("\"subject\" and \"vsa\" need a \"policy\" or a \"policyDocument\"");
            }
            return null;
        }
        if (policy != null && document != null) {
            throw malformed("send one of \"policy\" (a stored policy) or \"policyDocument\" (a document by value)");
        }
        if (subject != null && !subject.isTextual()) {
            throw malformed("\"subject\" must be a string <algorithm>:<hex>");
        }
        if (vsa != null && !vsa.isBoolean()) {
            throw malformed("\"vsa\" must be true or false");
        }
        String asked = subject == null ? null : subject.asText();
        boolean summary = vsa != null && vsa.booleanValue();
        if (document != null) {
            if (!document.isObject()) {
                throw malformed("\"policyDocument\" must be a policy document (a JSON object)");
            }
            return PolicyRequest.inline(bytes(document), asked, summary);
        }
        if (!policy.isTextual() || policy.asText().isEmpty()) {
            throw malformed("\"policy\" must be a string <id> or <id>@<version>");
        }
        try {
            return PolicyRequest.stored(policy.asText(), asked, summary);
        } catch (IllegalArgumentException e) {
            throw malformed("\"policy\" must be <id> or <id>@<version> with a version from 1: " + policy.asText());
        }
    }

    private static List<byte[]> entriesOf(JsonNode array) {
        List<byte[]> entries = new ArrayList<>();
        for (JsonNode entry : array) {
            if (!entry.isObject()) {
                throw malformed("every tlogEntries item must be a JSON object");
            }
            entries.add(bytes(entry));
        }
        return entries;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("a parsed JSON tree cannot be written", e);
        }
    }

    private static AttestorException malformed(String detail) {
        return new AttestorException("request.malformed", detail);
    }
}
