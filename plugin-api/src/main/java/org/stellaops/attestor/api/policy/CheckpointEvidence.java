package org.stellaops.attestor.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The signed checkpoint a log entry's inclusion proof was verified against.
 *
 * @param size the checkpoint's tree size
 * @param rootHash the checkpoint's root hash, lowercase hex
 * @param signatureVerified whether the checkpoint is signed by the registered log's key
 * @param consistency whether it was shown consistent with the log's current view
 * @param cosignatures the witness cosignatures on it, in note order (unknown witnesses included, marked by name)
 */
public record CheckpointEvidence(long size, String rootHash, boolean signatureVerified, Consistency consistency,
                                 List<CosignatureEvidence> cosignatures) {

    private static final Pattern HEX = Pattern.compile("([0-9a-f]{2})+");

    /**
     * @param size not negative
     * @param rootHash lowercase hex
     * @param signatureVerified flag
     * @param consistency not null
     * @param cosignatures not null
     */
    public CheckpointEvidence {
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint size < 0");
        }
        if (rootHash == null || !HEX.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("rootHash must be lowercase hex");
        }
        Objects.requireNonNull(consistency, "consistency");
        cosignatures = List.copyOf(cosignatures);
    }
}
