package org.stellaops.attestor.tlog.embedded;

import java.util.Objects;

import org.stellaops.attestor.api.model.LogEntry;

/**
 * The outcome of one append: the logged entry with its proof, and whether this append created it.
 *
 * <p>The flag is decided by the sequencer, the only writer, when it assigns the index: of any number of
 * concurrent appends of the same body exactly one is {@code fresh}. The Rekor v2 API needs it to answer 201 for
 * the first and 409 with the existing index for the others, which the idempotent {@code submit} cannot tell.
 *
 * @param entry the entry, proven against a published checkpoint
 * @param fresh true if this append added the entry, false if an equal body was already logged (or is being
 *        logged by an earlier append)
 */
public record Submission(LogEntry entry, boolean fresh) {

    /**
     * @param entry not null
     * @param fresh whether this append created the entry
     */
    public Submission {
        Objects.requireNonNull(entry, "entry");
    }
}
