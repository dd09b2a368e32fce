package org.stellaops.attestor.api.tlog;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;

/**
 * An append-only transparency log: the embedded tile log, a remote Rekor v2 or v1 log, a mirror.
 *
 * <p>Register as an OSGi service. Whether a log is the primary or a mirror is configuration, not code: the
 * service property {@value #ROLE_PROPERTY} says which. Implementations must be thread-safe and must not block the
 * caller of {@link #submit} for I/O: the returned stage completes when the entry is covered by a signed checkpoint.
 */
@ConsumerType
public interface TransparencyLog {

    /**
     * Service property: {@code primary}, {@code mirror}, or {@code none}: the log runs (for instance to serve
     * other services as their log) but this service neither publishes to it nor lists it.
     */
    String ROLE_PROPERTY = "attestor.tlog.role";

    /** @return the log's identity and keys */
    LogDescriptor descriptor();

    /**
     * Appends one hashedrekord entry, idempotently: submitting an entry the log already holds completes with the
     * existing entry (same index).
     *
     * @param request the signature to log
     * @return completes with the logged entry and an inclusion proof against a signed checkpoint, or exceptionally
     *         with a {@link TransparencyLogException}
     */
    CompletionStage<LogEntry> submit(HashedRekordRequest request);

    /**
     * Appends one entry for a signature of {@code envelope}. Logs whose entry kind stores the whole attestation (for
     * example Rekor v1 {@code intoto} v0.0.2) use the envelope; all others log {@code request} exactly as
     * {@link #submit(HashedRekordRequest)} does, which is what this default does.
     *
     * @param request the signature to log, as a hashedrekord
     * @param envelope the DSSE envelope the signature belongs to
     * @return as {@link #submit(HashedRekordRequest)}
     * @since 1.1
     */
    default CompletionStage<LogEntry> submit(HashedRekordRequest request, Envelope envelope) {
        return submit(request);
    }

    /** @return the latest published checkpoint */
    Checkpoint latestCheckpoint();

    /**
     * An inclusion proof for the leaf at {@code logIndex} in the tree of {@code treeSize} leaves.
     *
     * @param logIndex the leaf
     * @param treeSize a published tree size greater than {@code logIndex}
     * @return the proof, including the checkpoint for {@code treeSize} if the log still has it, else the latest
     * @throws TransparencyLogException with code {@code tlog.bad_proof_request} for impossible arguments
     */
    InclusionProof inclusionProof(long logIndex, long treeSize);

    /**
     * A consistency proof between two tree sizes (RFC 9162 section 2.1.4).
     *
     * @param fromSize the older size, {@code 0 < fromSize <= toSize}
     * @param toSize a published size
     * @return the proof hashes
     * @throws TransparencyLogException with code {@code tlog.bad_proof_request} for impossible arguments
     */
    List<Bytes> consistencyProof(long fromSize, long toSize);
}
