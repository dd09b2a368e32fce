package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.merkle.ConsistencyProofs;
import org.stellaops.attestor.sdk.merkle.MerkleProofException;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1.V1Entry;

/**
 * A remote Rekor v1 log. Entries are hashedrekord v0.0.1, or intoto v0.0.2 when so configured and the envelope is
 * supplied. Every answer is verified: the body must record our proposal, the log ID and the signed entry timestamp
 * must be the configured key's, the inclusion proof must verify against the signed checkpoint, and the checkpoint
 * must be consistent with the last one trusted (proofs from {@code /api/v1/log/proof}). A 409 is resolved by
 * following its {@code Location} to the existing entry.
 */
final class RekorV1Log implements RemoteLog {

    private final RekorSettings settings;
    private final LogErrors errors;
    private final HttpTransport http;
    private final V1Api api;
    private final V1Verifier verifier;
    private final LogDescriptor descriptor;

    /**
     * @param settings a {@code rekor-v1} configuration
     * @param listener told about split views
     */
    RekorV1Log(RekorSettings settings, SplitViewGuard.Listener listener) {
        this.settings = settings;
        this.errors = new LogErrors(settings.kind(), settings.origin());
        this.http = new HttpTransport("tlog-rekor-v1", settings.timeout(), settings.tls(), errors);
        this.api = new V1Api(http, settings.url(), errors);
        CheckpointVerifier checkpoints = new CheckpointVerifier(settings, errors);
        String logId = settings.logId();
        SplitViewGuard guard = new SplitViewGuard(new TrustedCheckpoints(settings.stateDirectory()),
                note -> checkpoints.verify(note, settings.stateDirectory().toUri()), logId, errors, listener);
        this.verifier = new V1Verifier(settings.keyVersions(), checkpoints, guard, api, errors);
        this.descriptor = new LogDescriptor(logId, settings.origin(), settings.kind(), settings.key().pem(),
                settings.url().toString(), settings.keyVersions().versions());
    }

    @Override
    public LogDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request) {
        return submit(request, null);
    }

    /** With {@code v1EntryKind=intoto} and an envelope, logs the envelope (this signature only) as intoto v0.0.2. */
    @Override
    public CompletionStage<LogEntry> submit(HashedRekordRequest request, Envelope envelope) {
        byte[] proposal;
        try {
            proposal = settings.v1Intoto() && envelope != null
                    ? RekorV1.intotoProposal(onlySignature(envelope, request), PublicKeys.parseSpki(request.publicKey().value()))
                    : RekorV1.hashedRekordProposal(request);
        } catch (AttestorException e) {
            return CompletableFuture.failedFuture(errors.rejected(api.entriesUri(), "cannot build the Rekor v1 entry ("
                    + e.code() + "): " + e.getMessage(), e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(errors.rejected(api.entriesUri(), "cannot build the Rekor v1 entry: "
                    + e.getMessage(), e));
        }
        return http.handle(api.create(proposal), api.entriesUri(), response -> answer(response, proposal));
    }

    @Override
    public Checkpoint latestCheckpoint() {
        return verifier.accept(api.signedTreeHead(), api.logInfoUri());
    }

    @Override
    public InclusionProof inclusionProof(long logIndex, long treeSize) {
        // logIndex is global across shards and may exceed the shard's tree size, so only the signs are checked here.
        if (logIndex < 0 || treeSize <= 0) {
            throw errors.badProofRequest(api.entriesUri(), "cannot prove entry " + logIndex + " in a tree of size " + treeSize);
        }
        URI uri = URI.create(api.entriesUri() + "?logIndex=" + logIndex);
        LogEntry entry = verifier.entry(api.entryByIndex(logIndex), null, uri);
        InclusionProof proof = entry.inclusionProof();
        if (proof.treeSize() != treeSize) {
            throw errors.badProofRequest(uri, "Rekor v1 proves entries against its current tree only; asked for size "
                    + treeSize + ", the log proves against size " + proof.treeSize());
        }
        return proof;
    }

    @Override
    public List<Bytes> consistencyProof(long fromSize, long toSize) {
        Checkpoint latest = latestCheckpoint();
        if (fromSize <= 0 || fromSize > toSize || toSize > latest.size()) {
            throw errors.badProofRequest(api.logInfoUri(), "cannot prove consistency from size " + fromSize + " to "
                    + toSize + " (latest verified size " + latest.size() + ")");
        }
        if (fromSize == toSize) {
            return List.of();
        }
        List<byte[]> proof = api.consistency(fromSize, toSize, V1Verifier.treeId(latest.origin()));
        Optional<byte[]> root1 = verifier.knownRoot(latest, fromSize);
        Optional<byte[]> root2 = verifier.knownRoot(latest, toSize);
        if (root1.isPresent() && root2.isPresent()) {
            try {
                ConsistencyProofs.verify(fromSize, toSize, root1.get(), root2.get(), proof);
            } catch (MerkleProofException e) {
                throw errors.badProof(api.logInfoUri(), "consistency proof " + fromSize + " → " + toSize
                        + " does not verify: " + e.getMessage(), e);
            }
        }
        return proof.stream().map(Bytes::of).toList();
    }

    @Override
    public void close() {
        http.close();
    }

    private LogEntry answer(HttpResponse<byte[]> response, byte[] proposal) {
        int status = response.statusCode();
        if (status == 201) {
            return verifier.entry(api.parseEntry(response.body(), api.entriesUri()), proposal, api.entriesUri());
        }
        if (status == 409) {
            String location = response.headers().firstValue("Location").orElseThrow(() -> errors.badProof(
                    api.entriesUri(), "409 without a Location: " + StatusMessages.message(response.body()), null));
            V1Entry existing = api.existing(location);
            return verifier.entry(existing, proposal, api.entriesUri().resolve(location.trim()));
        }
        String message = StatusMessages.message(response.body());
        if (status == 400 || status == 413 || status == 422) {
            throw errors.rejected(api.entriesUri(), "HTTP " + status + ": " + message, null);
        }
        throw errors.unavailable(api.entriesUri(), "HTTP " + status + ": " + message, null);
    }

    /** Rekor v1 insists every envelope signature verifies with a supplied key: send only the one being logged. */
    private static Envelope onlySignature(Envelope envelope, HashedRekordRequest request) {
        List<Signature> mine = envelope.signatures().stream().filter(s -> s.sig().equals(request.signature())).toList();
        if (mine.isEmpty()) {
            throw new IllegalArgumentException("the envelope does not carry the signature being logged");
        }
        return new Envelope(envelope.payloadType(), envelope.payload(), mine.subList(0, 1));
    }
}
