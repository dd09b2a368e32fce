package org.stellaops.attestor.tlog.rekor;

import java.net.URI;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1;
import org.stellaops.attestor.sdk.rekor.v1.RekorV1.V1Entry;

/**
 * Verifies Rekor v1 LogEntry answers and checkpoints: log ID (a configured key version that is not revoked), signed
 * entry timestamp (by that version's key), body, entry UUID, signed checkpoint, inclusion proof, and consistency
 * with the trusted checkpoint of the shard.
 */
final class V1Verifier {

    private static final String SHARD_SEPARATOR = " - ";

    private final KeyVersions keys;
    private final CheckpointVerifier checkpoints;
    private final SplitViewGuard guard;
    private final V1Api api;
    private final LogErrors errors;

    V1Verifier(KeyVersions keys, CheckpointVerifier checkpoints, SplitViewGuard guard, V1Api api, LogErrors errors) {
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.guard = guard;
        this.api = api;
        this.errors = errors;
    }

    /**
     * @param entry a parsed LogEntry answer
     * @param proposal the proposed entry it must record, or null when reading an entry by index
     * @param from where it came from
     * @return the verified entry
     */
    LogEntry entry(V1Entry entry, byte[] proposal, URI from) {
        String logId = entry.logIdHex().toLowerCase(Locale.ROOT);
        PublicKey logKey = keys.verifiable(logId).map(LogKey::publicKey).orElseThrow(() -> errors.badProof(from,
                "the entry names log " + entry.logIdHex() + ", which is no verifiable configured key version", null));
        if (!RekorV1.verifySet(entry, logKey)) {
            throw errors.badProof(from, "the signed entry timestamp does not verify with the log key", null);
        }
        byte[] body = entry.body();
        if (proposal != null) {
            V1Bodies.mismatch(proposal, body).ifPresent(why -> {
                throw errors.badProof(from, "the logged body is not the proposed entry: " + why, null);
            });
        }
        String uuid = HexFormat.of().formatHex(Rfc6962.leafHash(body));
        if (!entry.entryId().toLowerCase(Locale.ROOT).endsWith(uuid)) {
            throw errors.badProof(from, "entry ID " + entry.entryId() + " is not the body's leaf hash " + uuid, null);
        }
        Checkpoint checkpoint = checkpoints.verify(entry.checkpoint(), from);
        InclusionProof proof = Inclusions.verified(entry.proofLogIndex(), body, entry.hashes(), checkpoint, errors, from);
        trust(checkpoint, from);
        return new LogEntry(logId, checkpoint.origin(), entry.logIndex(), uuid, Bytes.of(body), proof);
    }

    /**
     * @param note a signed tree head
     * @param from where it came from
     * @return the verified checkpoint, consistent with the trusted one
     */
    Checkpoint accept(String note, URI from) {
        return trust(checkpoints.verify(note, from), from);
    }

    /**
     * @param latest the latest verified checkpoint
     * @param size a tree size
     * @return the root of that size if a verified checkpoint gives it
     */
    Optional<byte[]> knownRoot(Checkpoint latest, long size) {
        if (latest.size() == size) {
            return Optional.of(latest.rootHash().value());
        }
        return guard.trusted(latest.origin()).filter(c -> c.size() == size).map(c -> c.rootHash().value());
    }

    /**
     * @param origin a v1 checkpoint origin {@code "<hostname> - <treeID>"}
     * @return the tree ID, or null if the origin has none
     */
    static String treeId(String origin) {
        int at = origin.lastIndexOf(SHARD_SEPARATOR);
        return at < 0 ? null : origin.substring(at + SHARD_SEPARATOR.length());
    }

    private Checkpoint trust(Checkpoint checkpoint, URI from) {
        String treeId = treeId(checkpoint.origin());
        guard.check(checkpoint, from, (size1, size2) -> api.consistency(size1, size2, treeId));
        return checkpoint;
    }
}
