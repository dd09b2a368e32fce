package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.core.service.AttestationService.CacheStats;
import org.stellaops.attestor.core.service.AttestationService.Stats;

/**
 * The JSON shapes of the audit chain check and the service statistics. docs/api.md documents them. Deployment-wide
 * parts (the chain head, anchors, the verification cache) are rendered for the operator only.
 */
final class StatusViews {

    private StatusViews() {
    }

    /**
     * {@code {"intact","checked","head":{"seq","hash"},"firstBroken":{"seq","reason"}|null,"anchors":[…]}}.
     */
    static Map<String, Object> auditVerification(AuditVerification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intact", v.intact());
        m.put("checked", v.checked());
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("seq", v.headSeq());
        head.put("hash", v.headHash());
        m.put("head", head);
        if (v.firstBrokenSeq() == 0) {
            m.put("firstBroken", null);
        } else {
            Map<String, Object> broken = new LinkedHashMap<>();
            broken.put("seq", v.firstBrokenSeq());
            broken.put("reason", v.reason());
            m.put("firstBroken", broken);
        }
        m.put("anchors", v.anchors().stream().map(StatusViews::anchor).toList());
        return m;
    }

    /**
     * A tenant's answer, which the chain being shared by every tenant reduces to
     * {@code {"intact","checked","reason"}}: whether the whole chain holds, how many of the tenant's own events were
     * checked, and why it does not hold (empty when it does). No head, sequence numbers or anchors.
     */
    static Map<String, Object> tenantAuditVerification(AuditVerification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intact", v.intact());
        m.put("checked", v.checked());
        m.put("reason", v.intact() ? "" : v.reason());
        return m;
    }

    static Map<String, Object> anchor(AuditAnchor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", a.seq());
        m.put("hash", a.hash());
        m.put("logId", a.logId());
        m.put("uuid", a.uuid());
        m.put("logIndex", a.logIndex());
        m.put("matchesChain", a.matchesChain());
        m.put("proofVerified", a.proofVerified());
        return m;
    }

    /**
     * {@code {"tenant","entries","trustedKeys","verificationCache":{"hits","misses","entries","invalidations"}}}: the
     * tenant's own figures, and the verification cache counters (operator only: the cache serves every tenant). An
     * open object; later sections (metrics) are added beside these.
     *
     * @param cache the cache counters, or null to leave them out
     */
    static Map<String, Object> stats(Stats stats, CacheStats cache) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", stats.tenant());
        m.put("entries", stats.entries());
        m.put("trustedKeys", stats.trustedKeys());
        if (cache != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("hits", cache.hits());
            c.put("misses", cache.misses());
            c.put("entries", cache.entries());
            c.put("invalidations", cache.invalidations());
            m.put("verificationCache", c);
        }
        return m;
    }
}
