package org.stellaops.attestor.http;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.EntryQuery;

/**
 * The read-only searches and reports: records ({@code GET /api/v1/rekor/entries}, with fact filters
 * {@code fact.<name>=<value>}), the audit trail
 * ({@code GET /api/v1/audit}), its chain check ({@code GET /api/v1/audit/verify}) and statistics
 * ({@code GET /api/v1/stats}). Each reads the caller's own tenant; the operator may name another tenant
 * ({@code ?tenant=}) and sees the deployment-wide parts (the whole chain check, the cache counters).
 */
final class QueryEndpoints {

    /** Page size when {@code limit} is not given (records and audit events). */
    static final int DEFAULT_LIMIT = 100;

    private static final Set<String> SEARCH = Set.of("subject", "predicateType", "signer", "since", "until", "limit",
            "cursor", Tenancy.TENANT);
    /** The prefix of the fact filters of the record search: {@code fact.<name>=<value>}. */
    static final String FACT = "fact.";
    private static final Set<String> AUDIT = Set.of("actor", "action", "target", "outcome", "since", "until", "limit",
            "before", Tenancy.TENANT);

    private final AttestationService service;
    private final Tenancy tenancy;

    QueryEndpoints(AttestationService service, Tenancy tenancy) {
        this.service = service;
        this.tenancy = tenancy;
    }

    void search(HttpExchange exchange, List<String> params) throws IOException {
        EntryQuery query = entryQuery(exchange.queryParameters(), tenancy.caller(exchange.principal()));
        exchange.json(200, SearchViews.entries(service.search(query)));
    }

    /**
     * Parses and checks the search parameters before the store sees any of them.
     *
     * @param caller who searches: the caller's own tenant unless the operator names another with {@code tenant}
     * @throws AttestorException {@code request.invalid} naming the parameter; {@value Tenancy#OPERATOR_ONLY} when a
     *                           caller other than the operator names a tenant
     */
    static EntryQuery entryQuery(Map<String, String[]> parameters, Tenancy.Caller caller) {
        QueryParameters q = QueryParameters.of(parameters, SEARCH, FACT);
        String tenant = scope(q, caller, false, "searching another tenant's records");
        Instant since = q.time("since");
        Instant until = q.time("until");
        QueryParameters.requireOrder(since, until);
        Map<String, String> facts = q.facts(FACT, EntryQuery.MAX_FACTS);
        try {
            return new EntryQuery(tenant, q.digest("subject"), q.text("predicateType"), q.keyId("signer"), since,
                    until, facts, q.limit("limit", DEFAULT_LIMIT, EntryQuery.MAX_LIMIT), q.cursor("cursor"));
        } catch (IllegalArgumentException e) {
            // every other value was checked above: what the query itself refuses is a cursor of another tenant
            throw QueryParameters.invalid("cursor", e.getMessage());
        }
    }

    /** Newest first; {@code ?limit=n} alone reads as it always did (the newest n events of the caller's tenant). */
    void audit(HttpExchange exchange, List<String> params) throws IOException {
        AuditQuery query = auditQuery(exchange.queryParameters(), tenancy.caller(exchange.principal()));
        exchange.json(200, SearchViews.audit(service.audit(query)));
    }

    /**
     * @param caller who reads: the caller's own tenant's events unless the operator names a tenant, or {@code *}
     *               for every tenant's
     */
    static AuditQuery auditQuery(Map<String, String[]> parameters, Tenancy.Caller caller) {
        QueryParameters q = QueryParameters.of(parameters, AUDIT);
        String tenant = scope(q, caller, true, "reading another tenant's audit trail");
        Instant since = q.time("since");
        Instant until = q.time("until");
        QueryParameters.requireOrder(since, until);
        return new AuditQuery(Tenancy.EVERY_TENANT.equals(tenant) ? null : tenant, q.text("actor"),
                q.text("action"), q.text("target"), q.text("outcome"), since, until,
                q.limit("limit", DEFAULT_LIMIT, AuditQuery.MAX_LIMIT), q.seq("before"));
    }

    /** The caller's tenant, or the one the operator names; naming one is refused to anybody else. */
    private static String scope(QueryParameters q, Tenancy.Caller caller, boolean everyAllowed, String what) {
        if (!q.has(Tenancy.TENANT)) {
            return caller.tenant();
        }
        caller.requireOperator(what);
        return q.tenant(Tenancy.TENANT, everyAllowed);
    }

    /** The operator's answer covers the whole chain; anybody else's says only what concerns its own events. */
    void verifyAudit(HttpExchange exchange, List<String> params) throws IOException {
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        if (caller.operator()) {
            exchange.json(200, StatusViews.auditVerification(service.verifyAudit(null, exchange.provenance())));
        } else {
            exchange.json(200, StatusViews.tenantAuditVerification(
                    service.verifyAudit(caller.tenant(), exchange.provenance())));
        }
    }

    /** The caller's own figures; the verification cache is shared by every tenant, so only the operator sees it. */
    void stats(HttpExchange exchange, List<String> params) throws IOException {
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        exchange.json(200, StatusViews.stats(service.stats(caller.tenant()),
                caller.operator() ? service.verificationCache() : null));
    }
}
