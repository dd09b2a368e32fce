package org.stellaops.attestor.tlog.rekor;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * The human-readable part of an error answer: the {@code message} member of a Rekor error body
 * ({@code {"code":3,"message":"…"}} in v2, {@code {"code":400,"message":"…"}} in v1), else the text itself.
 */
final class StatusMessages {

    private static final int MAX_CHARS = 500;
    private static final JsonLimits LIMITS = new JsonLimits(64 * 1024, 16);

    private StatusMessages() {
    }

    /**
     * @param body the response body, possibly empty
     * @return the message, shortened and stripped of control characters
     */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "(no message)";
        }
        String text;
        try {
            JsonNode node = StrictJson.parse(body, LIMITS);
            JsonNode message = node.path("message");
            text = message.isTextual() ? message.asText() : node.toString();
        } catch (AttestorException notJson) {
            // Not JSON (a proxy's error page, rekor-tiles' frozen-log text): show the text itself.
            text = new String(body, 0, Math.min(body.length, MAX_CHARS * 4), StandardCharsets.UTF_8);
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > MAX_CHARS ? clean.substring(0, MAX_CHARS) + "…" : clean;
    }
}
