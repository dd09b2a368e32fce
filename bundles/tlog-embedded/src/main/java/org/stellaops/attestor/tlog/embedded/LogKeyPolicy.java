package org.stellaops.attestor.tlog.embedded;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the log treats its checkpoint key versions when it opens: which versions the operator revoked, and the clock
 * that dates rotations and revocations.
 *
 * @param revoked reason per revoked log ID (lowercase hex, 64 digits)
 * @param clock dates new versions, retirements and revocations
 */
public record LogKeyPolicy(Map<String, String> revoked, Clock clock) {

    /** Nothing revoked, the system clock. */
    public static final LogKeyPolicy DEFAULT = new LogKeyPolicy(Map.of(), Clock.systemUTC());
    /** The reason recorded when the configuration gives none. */
    static final String DEFAULT_REASON = "revoked by the operator (revokedKeys)";
    private static final Pattern LOG_ID = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the parts.
     *
     * @param revoked log IDs of 64 lowercase hex digits, each with a non-empty reason
     * @param clock not null
     */
    public LogKeyPolicy {
        revoked = Map.copyOf(revoked);
        revoked.forEach((id, reason) -> {
            if (!LOG_ID.matcher(id).matches() || reason.isBlank()) {
                throw new IllegalArgumentException("a revoked key is a log ID of 64 lowercase hex digits with a reason: " + id);
            }
        });
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Parses the {@code revokedKeys} configuration: one {@code <logId>|<reason>} per value, the reason optional.
     *
     * @param values the configured values, may be null
     * @param clock the clock
     * @return the policy
     * @throws IllegalArgumentException for a value that does not name a log ID
     */
    public static LogKeyPolicy parse(String[] values, Clock clock) {
        Map<String, String> revoked = new LinkedHashMap<>();
        for (String raw : values == null ? new String[0] : values) {
            String value = raw == null ? "" : raw.trim();
            if (value.isEmpty()) {
                continue;
            }
            int bar = value.indexOf('|');
            String id = (bar < 0 ? value : value.substring(0, bar)).trim().toLowerCase(java.util.Locale.ROOT);
            String reason = bar < 0 ? "" : value.substring(bar + 1).trim();
            if (!LOG_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("revokedKeys: '" + value + "' does not start with a log ID of 64 hex digits");
            }
            revoked.put(id, reason.isEmpty() ? DEFAULT_REASON : reason);
        }
        return new LogKeyPolicy(revoked, clock);
    }
}
