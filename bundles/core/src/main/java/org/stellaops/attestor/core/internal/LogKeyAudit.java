package org.stellaops.attestor.core.internal;

import java.util.Locale;
import java.util.Map;

import org.stellaops.attestor.api.tlog.LogDescriptor;
import org.stellaops.attestor.api.tlog.LogKeyVersion;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.Tenants;

/**
 * Puts the lifecycle of transparency-log keys in the audit trail. A log changes its key versions itself (the
 * embedded log rotates when it opens with a new key and revokes from its configuration; a remote log's versions are
 * configuration), so the core audits what it finds when a log registers: every version that came by a rotation
 * ({@code key.rotated}) and every revoked one ({@code key.revoked}, or {@code key.compromised} with the alert
 * {@code alert.key_compromised} when the reason names a compromise) — once, for good: an event already in the trail
 * is not written again, whichever worker or restart sees the version next. The events are the deployment's (tenant
 * {@code ""}, actor {@code system}), their target the version's log ID, with EventAdmin properties {@code owner=log},
 * {@code logId}, {@code origin} and {@code version}.
 */
final class LogKeyAudit {

    private final AuditStore store;
    private final Auditor auditor;

    LogKeyAudit(AuditStore store, Auditor auditor) {
        this.store = store;
        this.auditor = auditor;
    }

    /** Audits the versions of {@code log} the trail does not hold yet. */
    synchronized void observe(LogDescriptor log) {
        for (LogKeyVersion version : log.keyVersions()) {
            if (version.version() > 1) {
                once(KeyService.ROTATED, log, version, "log " + log.origin() + " key v" + version.version()
                        + " signs checkpoints from " + version.validFrom() + "; the previous version is retired");
            }
            if (version.revokedAt() != null) {
                boolean compromise = version.revocationReason() != null
                        && version.revocationReason().toLowerCase(Locale.ROOT).contains("compromise");
                String detail = "log " + log.origin() + " key v" + version.version() + " revoked at "
                        + version.revokedAt() + " (" + version.revocationReason() + "); nothing it signed is accepted";
                if (once(compromise ? KeyService.COMPROMISED : KeyService.REVOKED, log, version, detail) && compromise) {
                    auditor.notifySystem("alert.key_compromised", version.logId(), detail, properties(log, version));
                }
            }
        }
    }

    private boolean once(String action, LogDescriptor log, LogKeyVersion version, String detail) {
        AuditQuery recorded = new AuditQuery(Tenants.OPERATOR, Auditor.SYSTEM, action, version.logId(), null, null,
                null, 1, 0);
        if (!store.events(recorded).events().isEmpty()) {
            return false;
        }
        auditor.system(action, version.logId(), detail, properties(log, version));
        return true;
    }

    private static Map<String, Object> properties(LogDescriptor log, LogKeyVersion version) {
        return Map.of("owner", "log", "logId", version.logId(), "origin", log.origin(), "version", version.version());
    }
}
