package org.stellaops.attestor.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A parsed DSSE envelope (secure-systems-lab/dsse v1.0.0). Instances are produced only by the platform's strict
 * parser, so a plugin can rely on a non-empty payload type and at least one signature.
 *
 * @param payloadType the payload type, for in-toto {@code application/vnd.in-toto+json}
 * @param payload the decoded payload bytes
 * @param signatures the signatures, in envelope order, at least one
 */
public record Envelope(String payloadType, Bytes payload, List<Signature> signatures) {

    /** The DSSE payload type of in-toto statements. */
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    /**
     * Copies the signature list.
     *
     * @param payloadType not null
     * @param payload not null
     * @param signatures not null
     */
    public Envelope {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(payload, "payload");
        signatures = List.copyOf(signatures);
    }
}
