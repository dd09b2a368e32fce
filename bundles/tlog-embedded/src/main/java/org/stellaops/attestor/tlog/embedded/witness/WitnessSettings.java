package org.stellaops.attestor.tlog.embedded.witness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

/**
 * Which witnesses a log asks for cosignatures, and how often.
 *
 * @param witnesses the witnesses; empty disables witnessing
 * @param intervalMillis at least this long between the starts of two witnessing rounds; a round always asks for
 *        the latest checkpoint, so a busy log is cosigned about once per interval, not once per checkpoint
 * @param timeoutMillis how long one request to one witness may take
 * @param tls the TLS trust for https witnesses, or null for the JVM's CAs
 */
public record WitnessSettings(List<WitnessEndpoint> witnesses, long intervalMillis, long timeoutMillis,
                              SSLContext tls) {

    /** No witnesses. */
    public static final WitnessSettings NONE = new WitnessSettings(List.of(), 1000, 10_000, null);

    /**
     * @param witnesses no two with the same key
     * @param intervalMillis positive
     * @param timeoutMillis positive
     */
    public WitnessSettings {
        witnesses = List.copyOf(witnesses);
        if (intervalMillis <= 0 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("witness interval and timeout must be positive");
        }
        Set<String> keys = new HashSet<>();
        for (WitnessEndpoint w : witnesses) {
            if (!keys.add(w.vkey())) {
                throw new IllegalArgumentException("witness " + w.vkey() + " is configured twice");
            }
        }
    }

    /**
     * @param lines configuration lines {@code <vkey> <add-checkpoint URL>}; blank lines are skipped
     * @param intervalMillis see {@link #intervalMillis()}
     * @param timeoutMillis see {@link #timeoutMillis()}
     * @return the settings
     * @throws IllegalArgumentException on any invalid line
     */
    public static WitnessSettings parse(String[] lines, long intervalMillis, long timeoutMillis) {
        return parse(lines, intervalMillis, timeoutMillis, null);
    }

    /**
     * @param lines configuration lines {@code <vkey> <add-checkpoint URL>}; blank lines are skipped
     * @param intervalMillis see {@link #intervalMillis()}
     * @param timeoutMillis see {@link #timeoutMillis()}
     * @param tls see {@link #tls()}
     * @return the settings
     * @throws IllegalArgumentException on any invalid line
     */
    public static WitnessSettings parse(String[] lines, long intervalMillis, long timeoutMillis, SSLContext tls) {
        List<WitnessEndpoint> endpoints = new ArrayList<>();
        if (lines != null) {
            for (String line : lines) {
                if (line != null && !line.isBlank()) {
                    endpoints.add(WitnessEndpoint.parse(line));
                }
            }
        }
        return new WitnessSettings(endpoints, intervalMillis, timeoutMillis, tls);
    }
}
