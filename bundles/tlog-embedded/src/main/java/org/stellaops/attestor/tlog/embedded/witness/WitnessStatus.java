package org.stellaops.attestor.tlog.embedded.witness;

import java.time.Instant;

/**
 * A snapshot of one witness as seen by the collector, for operators (console, health checks).
 *
 * @param name the witness's key name
 * @param vkey the witness's verifier key
 * @param url its add-checkpoint URL
 * @param lastCosignedSize the size the witness last cosigned for this log, as far as we know (0 if never)
 * @param lastSuccess when it last returned a valid cosignature, or null
 * @param lastError what went wrong on the latest failed exchange, or null if the latest exchange succeeded
 * @param lastErrorTime when that was, or null
 * @param cosignatures how many valid cosignatures it returned since the log opened
 * @param failures how many exchanges failed since the log opened
 */
public record WitnessStatus(String name, String vkey, String url, long lastCosignedSize, Instant lastSuccess,
                            String lastError, Instant lastErrorTime, long cosignatures, long failures) {
}
