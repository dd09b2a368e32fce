package org.stellaops.attestor.tlog.witness;

import java.nio.charset.StandardCharsets;

/**
 * The answer to one add-checkpoint request, as the HTTP layer sends it.
 *
 * @param status the HTTP status
 * @param contentType the response content type
 * @param body the response body
 * @param origin the checkpoint origin, or null if the request could not be parsed that far
 * @param detail a human-readable reason (for events and logs)
 * @param evidence the submitted checkpoint when its log signature verified but it was refused (possible proof of
 *        log misbehaviour), else null
 */
record WitnessDecision(int status, String contentType, byte[] body, String origin, String detail, String evidence) {

    /** Content type of the 409 answer that carries the witness's latest cosigned size. */
    static final String SIZE_TYPE = "text/x.tlog.size";
    /** Content type of every other answer. */
    static final String TEXT_TYPE = "text/plain; charset=utf-8";

    static WitnessDecision cosigned(String origin, String signatureLines, long size) {
        return new WitnessDecision(200, TEXT_TYPE, signatureLines.getBytes(StandardCharsets.UTF_8), origin,
                "cosigned size " + size, null);
    }

    static WitnessDecision conflict(String origin, long latestSize) {
        return new WitnessDecision(409, SIZE_TYPE, (latestSize + "\n").getBytes(StandardCharsets.US_ASCII), origin,
                "old size does not match the latest cosigned size " + latestSize, null);
    }

    static WitnessDecision refused(int status, String origin, String detail) {
        return refused(status, origin, detail, null);
    }

    static WitnessDecision refused(int status, String origin, String detail, String evidence) {
        return new WitnessDecision(status, TEXT_TYPE, (detail + "\n").getBytes(StandardCharsets.UTF_8), origin, detail,
                evidence);
    }

    /** @return whether the witness cosigned */
    boolean cosigned() {
        return status == 200;
    }
}
