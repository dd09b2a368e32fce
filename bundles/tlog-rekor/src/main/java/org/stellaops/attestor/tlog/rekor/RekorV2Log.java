package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.rekor.RekorV2;

/**
 * A remote Rekor v2 (rekor-tiles) log. Writes go to {@code POST <url>/api/v2/log/entries}; nothing the log answers
 * is taken on trust: the logged body must be exactly the entry we asked for, the log ID and checkpoint key must be
 * those of a configured key version that is not revoked, the inclusion proof must verify against the signed checkpoint, and the checkpoint must be
 * consistent with the last one trusted. A duplicate (409) is resolved from the tiles into the existing entry.
 */
final class RekorV2Log implements RemoteLog {

    private static final String KIND = "hashedrekord";
    private static final String VERSION = "0.0.2";

    private final LogErrors errors;
    private final HttpTransport http;
    private final TileView tiles;
    private final V2Reads reads;
    private final CheckpointVerifier checkpoints;
    private final LogDescriptor descriptor;
    private final URI entriesUri;

    /**
     * @param settings a {@code rekor-v2} configuration
     * @param listener told about split views
     */
    RekorV2Log(RekorSettings settings, SplitViewGuard.Listener listener) {
        this.errors = new LogErrors(settings.kind(), settings.origin());
        this.http = new HttpTransport("tlog-rekor-v2", settings.timeout(), settings.tls(), errors);
        this.tiles = new TileView(http, settings.readUrl(), errors);
        this.checkpoints = new CheckpointVerifier(settings, errors);
        String logIdHex = settings.logId();
        SplitViewGuard guard = new SplitViewGuard(new TrustedCheckpoints(settings.stateDirectory()),
                note -> checkpoints.verify(note, settings.stateDirectory().toUri()), logIdHex, errors, listener);
        this.reads = new V2Reads(tiles, checkpoints, guard, errors);
        this.descriptor = new LogDescriptor(logIdHex, settings.origin(), settings.kind(), settings.key().pem(),
                settings.readUrl().toString(), settings.keyVersions().versions());
        this.entriesUri = URI.create(settings.url() + RekorV2.ENTRIES_PATH);
    }

    @Override
    public LogDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        byte[] body;
        byte[] json;
        try {
            body = HashedRekord.canonicalBody(request);
            json = RekorV2.requestJson(request);
        } catch (AttestorException e) {
            return CompletableFuture.failedFuture(errors.rejected(entriesUri, "not a valid hashedrekord request ("
                    + e.code() + "): " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(errors.rejected(entriesUri, "not a valid hashedrekord request: "
                    + e.getMessage(), e));
        }
        return http.handle(http.postJson(entriesUri, json), entriesUri, response -> answer(response, body));
    }

    @Override
    public Checkpoint latestCheckpoint() {
        return reads.latest();
    }

    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        return reads.inclusion(logIndex, treeSize);
    }

    @Override
    public List<Bytes> consistencyProof(long fromSize, long toSize) {
        return reads.consistency(fromSize, toSize);
    }

    @Override
    public void close() {
        http.close();
    }

    private LogEntry answer(HttpResponse<byte[]> response, byte[] body) {
        int status = response.statusCode();
        if (status == 201) {
            return created(response.body(), body);
        }
        if (status == 409) {
            return duplicate(response, body);
        }
        String message = StatusMessages.message(response.body());
        if (status == 400 || status == 405 || status == 413 || status == 422) {
            throw errors.rejected(entriesUri, "HTTP " + status + ": " + message, null);
        }
        throw errors.unavailable(entriesUri, "HTTP " + status + ": " + message, null);
    }

    private LogEntry created(byte[] json, byte[] body) {
        RekorV2.ParsedEntry parsed;
        try {
            parsed = RekorV2.parseEntry(json, JsonLimits.DEFAULT);
        } catch (AttestorException e) {
            throw errors.badProof(entriesUri, "the answer is not a valid TransparencyLogEntry (" + e.code() + "): "
                    + e.getMessage(), e);
        }
        if (!Arrays.equals(parsed.canonicalizedBody(), body)) {
            throw errors.badProof(entriesUri, "the logged body is not the entry that was submitted", null);
        }
        if (!KIND.equals(parsed.kind()) || !VERSION.equals(parsed.version())) {
            throw errors.badProof(entriesUri, "the entry is " + parsed.kind() + " " + parsed.version()
                    + ", not hashedrekord 0.0.2", null);
        }
        String entryLogId = HexFormat.of().formatHex(parsed.logKeyId());
        if (!descriptor.acceptsLogId(entryLogId)) {
            throw errors.badProof(entriesUri, "the entry names log " + entryLogId + ", which is no verifiable key "
                    + "version of " + descriptor.logId(), null);
        }
        if (parsed.proofLogIndex() != parsed.logIndex()) {
            throw errors.badProof(entriesUri, "the proof is for index " + parsed.proofLogIndex() + " but the entry is at "
                    + parsed.logIndex(), null);
        }
        Checkpoint checkpoint = checkpoints.verify(parsed.checkpoint(), entriesUri);
        InclusionProof proof = Inclusions.verified(parsed.logIndex(), body, parsed.hashes(), checkpoint, errors, entriesUri);
        reads.trust(checkpoint, entriesUri);
        return entry(entryLogId, parsed.logIndex(), body, proof, checkpoint);
    }

    /** rekor-tiles answers a known entry with 409 and its index; the entry and its proof come from the tiles. */
    private LogEntry duplicate(HttpResponse<byte[]> response, byte[] body) {
        String header = response.headers().firstValue("x-log-index").orElse("");
        long index;
        try {
            index = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw errors.badProof(entriesUri, "409 without a valid x-log-index header ('" + header + "'): "
                    + StatusMessages.message(response.body()), e);
        }
        if (index < 0) {
            throw errors.badProof(entriesUri, "409 with a negative x-log-index " + index, null);
        }
        Checkpoint latest = reads.latest();
        if (index >= latest.size()) {
            throw errors.unavailable(tiles.checkpointUri(), "the existing entry " + index + " is not yet covered by the "
                    + "published checkpoint of size " + latest.size() + "; retry later", null);
        }
        byte[] logged = tiles.entry(index, latest.size());
        if (!Arrays.equals(logged, body)) {
            throw errors.badProof(tiles.readUrl(), "409 names entry " + index + ", but that entry (leaf "
                    + HashedRekord.uuid(logged) + ") is not the one submitted (leaf " + HashedRekord.uuid(body) + ")", null);
        }
        List<byte[]> hashes = tiles.inclusion(index, latest.size());
        InclusionProof proof = Inclusions.verified(index, body, hashes, latest, errors, tiles.readUrl());
        return entry(descriptor.logId(), index, body, proof, latest);
    }

    /** @param logId the key version the log named for the entry (a duplicate found in the tiles: the current one) */
    private static LogEntry entry(String logId, long index, byte[] body, InclusionProof proof, Checkpoint checkpoint) {
        return new LogEntry(logId, checkpoint.origin(), index, HashedRekord.uuid(body), Bytes.of(body), proof);
    }
}
