package org.stellaops.attestor.tlog.embedded.witness;

import java.util.List;

/** What the witness collector needs from the log: its latest checkpoint and consistency proofs up to it. */
public interface CheckpointSource {

    /** @return the latest published checkpoint, as signed by the log */
    SignedCheckpoint latest();

    /**
     * @param fromSize an older size, {@code 0 < fromSize <= toSize}
     * @param toSize a size no larger than the latest published one
     * @return the RFC 6962 consistency proof
     */
    List<byte[]> consistencyProof(long fromSize, long toSize);
}
