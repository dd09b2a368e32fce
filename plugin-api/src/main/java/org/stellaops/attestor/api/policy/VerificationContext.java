package org.stellaops.attestor.api.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Statement;

/**
 * Everything verification established about one attestation, as input to policy rules.
 *
 * @param envelopeDigest {@code sha256:<hex>} of the JCS form of the envelope
 * @param statement the parsed statement
 * @param signers the distinct trusted keys whose signatures verified
 * @param logEntries the log entries whose inclusion proofs and checkpoints verified
 * @param facts the facts the predicate handler extracted
 * @param trustedTime the trusted time of the attestation, or null if none is known
 * @param timeSource where {@code trustedTime} came from (for example {@code log}, {@code rfc3161}, {@code receipt})
 */
public record VerificationContext(String envelopeDigest, Statement statement, List<KeyInfo> signers,
                                  List<LogEntry> logEntries, Map<String, Object> facts, Instant trustedTime,
                                  String timeSource) {
    /**
     * Copies the collections.
     *
     * @param envelopeDigest not null
     * @param statement not null
     * @param signers not null
     * @param logEntries not null
     * @param facts not null
     * @param trustedTime may be null
     * @param timeSource not null
     */
    public VerificationContext {
        Objects.requireNonNull(envelopeDigest, "envelopeDigest");
        Objects.requireNonNull(statement, "statement");
        signers = List.copyOf(signers);
        logEntries = List.copyOf(logEntries);
        facts = Map.copyOf(facts);
        Objects.requireNonNull(timeSource, "timeSource");
    }
}
