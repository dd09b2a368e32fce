package org.stellaops.attestor.http;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryQuery;

/**
 * The read-only searches and reports: records ({@code GET /api/v1/rekor/entries}), the audit trail
 * ({@code GET /api/v1/audit}), its chain check ({@code GET /api/v1/audit/verify}) and statistics
 * ({@code GET /api/v1/stats}).
 */
final class QueryEndpoints {

    /** Page size when {@code limit} is not given (records and audit events). */
    static final int DEFAULT_LIMIT = 100;

    private static final Set<String> SEARCH = Set.of("subject", "predicateType", "signer", "since", "until", "limit",
            "cursor");
    private static final Set<String> AUDIT = Set.of("actor", "action", "target", "outcome", "since", "until", "limit",
            "before");

    private final AttestationService service;

    QueryEndpoints(AttestationService service) {
        this.service = service;
    }

    void search(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, SearchViews.entries(service.search(entryQuery(exchange.queryParameters()))));
    }

    /** Parses and checks the search parameters before the store sees any of them. */
    static EntryQuery entryQuery(Map<String, String[]> parameters) {
        QueryParameters q = QueryParameters.of(parameters, SEARCH);
        Instant since = q.time("since");
        Instant until = q.time("until");
        QueryParameters.requireOrder(since, until);
        return new EntryQuery(q.digest("subject"), q.text("predicateType"), q.keyId("signer"), since, until,
                q.limit("limit", DEFAULT_LIMIT, EntryQuery.MAX_LIMIT), q.cursor("cursor"));
    }

    /** Newest first; {@code ?limit=n} alone reads as it always did (the newest n events). */
    void audit(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, SearchViews.audit(service.audit(auditQuery(exchange.queryParameters()))));
    }

    static AuditQuery auditQuery(Map<String, String[]> parameters) {
        QueryParameters q = QueryParameters.of(parameters, AUDIT);
        Instant since = q.time("since");
        Instant until = q.time("until");
        QueryParameters.requireOrder(since, until);
        return new AuditQuery(q.text("actor"), q.text("action"), q.text("target"), q.text("outcome"), since, until,
                q.limit("limit", DEFAULT_LIMIT, AuditQuery.MAX_LIMIT), q.seq("before"));
    }

    void verifyAudit(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, StatusViews.auditVerification(service.verifyAudit(exchange.provenance())));
    }

    void stats(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, StatusViews.stats(service.verificationCache()));
    }
}
