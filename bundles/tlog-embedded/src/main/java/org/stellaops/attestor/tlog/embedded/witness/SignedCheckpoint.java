package org.stellaops.attestor.tlog.embedded.witness;

import java.util.Objects;

/**
 * A published checkpoint as the log signed it (no cosignatures): what witnesses are asked to cosign.
 *
 * @param size its tree size
 * @param note the signed note, with the log's signature line only
 */
public record SignedCheckpoint(long size, String note) {

    /**
     * @param size not negative
     * @param note not null
     */
    public SignedCheckpoint {
        Objects.requireNonNull(note, "note");
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
    }
}
