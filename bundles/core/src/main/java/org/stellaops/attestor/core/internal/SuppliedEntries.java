package org.stellaops.attestor.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.store.CoveredEntry;
import org.stellaops.attestor.store.EntryRecord;
import org.stellaops.attestor.store.LogTarget;
import org.stellaops.attestor.store.Provenance;
import org.stellaops.attestor.store.SignatureCoverage;

/**
 * Log entries a client brings along with an envelope (Rekor v2 {@code TransparencyLogEntry} JSON, as in a Sigstore
 * bundle's {@code verificationMaterial.tlogEntries}), turned into a transient record that the verifier checks
 * exactly as it checks a stored one: body against the envelope's signatures, leaf, inclusion proof, checkpoint
 * signed by the key of the registered log with that id, witness cosignatures. Nothing of it is stored.
 */
final class SuppliedEntries {

    /** The creation time of a record built from supplied entries: it was never accepted, so it has no trusted time. */
    static final Instant NO_TRUSTED_TIME = Instant.EPOCH;


    /** Code of a supplied entry that cannot be read. */
    static final String MALFORMED = "request.malformed";
    /** Role of the transient targets, so a report never passes them off as configured logs. */
    static final String ROLE_SUPPLIED = "supplied";
    /** More would only make a request expensive: a DSSE envelope has at most 16 signatures, logs are few. */
    static final int MAX_ENTRIES = 64;

    private SuppliedEntries() {
    }

    /**
     * @param digest {@code sha256:<hex>} of the envelope
     * @param envelope the envelope
     * @param tlogEntries each a TransparencyLogEntry JSON document
     * @param limits JSON limits for each document
     * @param provenance who asked
     * @return a record that is never stored, with one logged target per log the entries name
     * @throws AttestorException {@value #MALFORMED} naming the entry that cannot be read
     */
    static EntryRecord asRecord(String digest, Envelope envelope, List<byte[]> tlogEntries, JsonLimits limits,
                                Provenance provenance) {
        if (tlogEntries.isEmpty() || tlogEntries.size() > MAX_ENTRIES) {
            throw new AttestorException(MALFORMED, "tlogEntries must hold 1 to " + MAX_ENTRIES + " entries");
        }
        Map<String, List<CoveredEntry>> byLog = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (int i = 0; i < tlogEntries.size(); i++) {
            LogEntry entry = entry(i, tlogEntries.get(i), limits);
            byLog.computeIfAbsent(entry.logId(), k -> new ArrayList<>())
                    .add(new CoveredEntry(CoveredEntry.UNKNOWN_SIGNATURE, SignatureCoverage.VIA_SIGNATURE, entry));
            origins.putIfAbsent(entry.logId(), entry.origin());
        }
        List<LogTarget> targets = new ArrayList<>();
        byLog.forEach((logId, entries) -> targets.add(new LogTarget(logId, origins.get(logId), "supplied",
                ROLE_SUPPLIED, LogTarget.LOGGED, 0, 0, null, null, entries)));
        Statement statement = Statements.parse(envelope.payload().value(), limits);
        LogEntry first = byLog.values().iterator().next().get(0).entry();
        return new EntryRecord(digest, first.uuid(), EntryRecord.LOGGED, "", envelope.payloadType(),
                statement.type(), statement.predicateType(), statement.subjects(), List.of(), List.of(), targets,
                List.of(), Map.of(), "", NO_TRUSTED_TIME, provenance);
    }

    private static LogEntry entry(int index, byte[] json, JsonLimits limits) {
        try {
            return logEntry(json, limits);
        } catch (AttestorException | IllegalArgumentException e) {
            throw new AttestorException(MALFORMED, "tlogEntries[" + index + "] is not a TransparencyLogEntry: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads one Rekor v2 {@code TransparencyLogEntry}: log id from its key id, origin from its checkpoint, uuid
     * computed from its body.
     *
     * @throws AttestorException or IllegalArgumentException if it cannot be read
     */
    static LogEntry logEntry(byte[] json, JsonLimits limits) {
        RekorV2.ParsedEntry parsed = RekorV2.parseEntry(json, limits);
        String origin = Checkpoints.parse(parsed.checkpoint()).origin();
        InclusionProof proof = new InclusionProof(parsed.proofLogIndex(), parsed.treeSize(),
                Bytes.of(parsed.rootHash()), parsed.hashes().stream().map(Bytes::of).toList(), parsed.checkpoint());
        return new LogEntry(HexFormat.of().formatHex(parsed.logKeyId()), origin, parsed.logIndex(),
                HexFormat.of().formatHex(Rfc6962.leafHash(parsed.canonicalizedBody())),
                Bytes.of(parsed.canonicalizedBody()), proof);
    }
}
