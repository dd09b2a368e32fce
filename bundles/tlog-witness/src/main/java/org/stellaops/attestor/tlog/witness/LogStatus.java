package org.stellaops.attestor.tlog.witness;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the monitor last found for one log.
 *
 * @param logId the log ID
 * @param origin the log origin
 * @param state {@code pending} (not checked yet), {@code ok}, {@code unreachable} or {@code split-view}
 * @param lastVerifiedSize size of the last checkpoint verified for the log, or -1 if none
 * @param lastCheck when the log was last checked, or null
 * @param detail the reason for the state
 */
record LogStatus(String logId, String origin, String state, long lastVerifiedSize, Instant lastCheck, String detail) {

    static final String PENDING = "pending";
    static final String OK = "ok";
    static final String UNREACHABLE = "unreachable";
    static final String SPLIT_VIEW = "split-view";

    /** @return the status as a read-only map with stable keys (for consumers without a compile dependency) */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("logId", logId);
        map.put("origin", origin);
        map.put("state", state);
        map.put("lastVerifiedSize", lastVerifiedSize);
        map.put("lastCheck", lastCheck == null ? "" : lastCheck.toString());
        map.put("detail", detail);
        return Collections.unmodifiableMap(map);
    }
}
