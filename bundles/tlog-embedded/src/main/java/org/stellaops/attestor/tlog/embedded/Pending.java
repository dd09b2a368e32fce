package org.stellaops.attestor.tlog.embedded;

import java.util.concurrent.CompletableFuture;

/**
 * One submission waiting for the sequencer.
 *
 * @param leafHash the RFC 6962 leaf hash of {@code body}
 * @param body the canonical entry
 * @param future completed once a checkpoint covering the entry is published
 * @param enqueuedNanos {@link System#nanoTime()} at submission, for the batch age limit
 */
record Pending(byte[] leafHash, byte[] body, CompletableFuture<Submission> future, long enqueuedNanos) {
}
