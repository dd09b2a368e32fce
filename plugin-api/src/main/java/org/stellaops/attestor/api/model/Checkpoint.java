package org.stellaops.attestor.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A transparency-log checkpoint (C2SP tlog-checkpoint): the log's origin, tree size and root hash, plus the full
 * signed note it was read from (log signature and any witness cosignatures).
 *
 * @param origin the log origin line
 * @param size the tree size
 * @param rootHash the RFC 6962 root hash of the first {@code size} leaves (32 bytes)
 * @param extensions optional extension lines (usually empty)
 * @param signedNote the complete signed note text, verbatim
 */
public record Checkpoint(String origin, long size, Bytes rootHash, List<String> extensions, String signedNote) {
    /**
     * Validates the parts.
     *
     * @param origin not empty
     * @param size not negative
     * @param rootHash 32 bytes
     * @param extensions not null
     * @param signedNote not null
     */
    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || size < 0 || rootHash.length() != 32) {
            throw new IllegalArgumentException("invalid checkpoint");
        }
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(signedNote, "signedNote");
    }

    /** @return the note body that the log signs: origin, size and root lines plus extensions, each ending in LF */
    public String body() {
        StringBuilder sb = new StringBuilder().append(origin).append('\n').append(size).append('\n')
                .append(rootHash.base64()).append('\n');
        extensions.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }
}
