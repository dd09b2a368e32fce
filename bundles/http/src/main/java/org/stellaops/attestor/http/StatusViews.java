package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.stellaops.attestor.core.service.AttestationService.AuditAnchor;
import org.stellaops.attestor.core.service.AttestationService.AuditVerification;
import org.stellaops.attestor.core.service.AttestationService.CacheStats;

/** The JSON shapes of the audit chain check and the service statistics. docs/api.md documents them. */
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
     * {@code {"verificationCache":{"hits","misses","entries","invalidations"}}}; an open object; later sections
     * (metrics) are added beside it.
     */
    static Map<String, Object> stats(CacheStats cache) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("hits", cache.hits());
        c.put("misses", cache.misses());
        c.put("entries", cache.entries());
        c.put("invalidations", cache.invalidations());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verificationCache", c);
        return m;
    }
}
