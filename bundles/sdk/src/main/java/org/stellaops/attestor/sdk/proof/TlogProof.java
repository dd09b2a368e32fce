package org.stellaops.attestor.sdk.proof;

import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.api.model.Bytes;

/**
 * A parsed C2SP tlog-proof.
 *
 * @param extra the optional, unauthenticated extra data (empty when absent); never trust it implicitly
 * @param index the zero-based index of the entry in the log
 * @param hashes the inclusion proof, leaf sibling first, 32 bytes each
 * @param checkpoint the checkpoint note verbatim, with its log signature and any cosignatures
 */
public record TlogProof(Bytes extra, long index, List<Bytes> hashes, String checkpoint) {
    /**
     * Validates and copies.
     *
     * @param extra not null ({@link Bytes#EMPTY} when absent)
     * @param index not negative
     * @param hashes not null
     * @param checkpoint not null
     */
    public TlogProof {
        Objects.requireNonNull(extra, "extra");
        if (index < 0) {
            throw new IllegalArgumentException("index < 0");
        }
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
