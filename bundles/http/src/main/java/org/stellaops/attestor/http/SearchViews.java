package org.stellaops.attestor.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.ChainedAuditEvent;
import org.stellaops.attestor.store.EntryPage;

/** The JSON shapes of search pages (records and audit events). docs/api.md documents them. */
final class SearchViews {

    private SearchViews() {
    }

    /** {@code {"entries":[<record view without envelope>…],"nextCursor":"…"|null}}. */
    static Map<String, Object> entries(EntryPage page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", page.records().stream().map(Views::record).toList());
        m.put("nextCursor", page.nextCursor());
        return m;
    }

    /** {@code {"events":[…],"next":<before of the next page>|null}}. */
    static Map<String, Object> audit(AuditPage page) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", page.events().stream().map(SearchViews::auditEvent).toList());
        m.put("next", page.nextBeforeSeq() == 0 ? null : page.nextBeforeSeq());
        return m;
    }

    /** An audit event with its place in the hash chain: {@code seq}, {@code previousHash}, {@code hash} first. */
    static Map<String, Object> auditEvent(ChainedAuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("previousHash", e.previousHash());
        m.put("hash", e.hash());
        m.putAll(Views.auditEvent(e.event()));
        return m;
    }
}
