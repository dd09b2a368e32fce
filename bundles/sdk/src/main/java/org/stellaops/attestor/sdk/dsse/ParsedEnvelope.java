package org.stellaops.attestor.sdk.dsse;

import java.util.Arrays;
import java.util.Objects;

import org.stellaops.attestor.api.model.Envelope;

/**
 * An envelope as parsed from untrusted JSON, with its content address.
 *
 * @param envelope the envelope
 * @param envelopeDigestHex lowercase hex SHA-256 of {@code canonicalJson}
 * @param canonicalJson the RFC 8785 form of the envelope JSON as received (copied in and out)
 */
public record ParsedEnvelope(Envelope envelope, String envelopeDigestHex, byte[] canonicalJson) {

    /**
     * Copies the canonical bytes.
     *
     * @param envelope not null
     * @param envelopeDigestHex not null
     * @param canonicalJson not null
     */
    public ParsedEnvelope {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(envelopeDigestHex, "envelopeDigestHex");
        canonicalJson = canonicalJson.clone();
    }

    /** @return a copy of the canonical JSON bytes */
    @Override
    public byte[] canonicalJson() {
        return canonicalJson.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedEnvelope p && envelope.equals(p.envelope)
                && envelopeDigestHex.equals(p.envelopeDigestHex) && Arrays.equals(canonicalJson, p.canonicalJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelope, envelopeDigestHex, Arrays.hashCode(canonicalJson));
    }

    @Override
    public String toString() {
        return "ParsedEnvelope[sha256:" + envelopeDigestHex + ", " + envelope.signatures().size() + " signature(s)]";
    }
}
