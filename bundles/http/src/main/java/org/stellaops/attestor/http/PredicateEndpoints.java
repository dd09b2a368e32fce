package org.stellaops.attestor.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.core.service.PredicateCatalog;

/**
 * The installed predicate handlers: {@code GET /api/v1/predicates} lists them with their types, providing bundle,
 * ranking and schema links; {@code GET /api/v1/predicates/schema?type=<uri>} answers the JSON Schema of a type as
 * {@value #SCHEMA_TYPE}. Both need {@code attestor.read} and show nothing of any tenant: every tenant's
 * submissions are checked by the same handlers.
 */
final class PredicateEndpoints {

    /** The media type of a JSON Schema (JSON Schema 2020-12, section 14). */
    static final String SCHEMA_TYPE = "application/schema+json";
    /** Where the schema of a type is served, relative to the host. */
    static final String SCHEMA_PATH = "/api/v1/predicates/schema";

    private final PredicateCatalog catalog;

    PredicateEndpoints(PredicateCatalog catalog) {
        this.catalog = catalog;
    }

    /** @return the two read operations */
    List<Route> routes() {
        return List.of(
                Route.of("GET", "/v1/predicates", Scope.READ, this::list),
                Route.of("GET", "/v1/predicates/schema", Scope.READ, this::schema));
    }

    private void list(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        exchange.json(200, Map.of("handlers", catalog.handlers().stream().map(PredicateEndpoints::handler).toList()));
    }

    private void schema(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters q = QueryParameters.of(exchange.queryParameters(), Set.of("type"));
        String type = q.text("type");
        if (type == null) {
            throw QueryParameters.invalid("type", "is required: the predicate type URI (percent-encoded)");
        }
        exchange.send(200, SCHEMA_TYPE, catalog.schema(type).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code {"bundle","version","ranking","serviceId","predicateTypes":[{"type","active","schema"}]}}; {@code schema}
     * is the link to the type's schema, or null when this handler publishes none for it or another handler of higher
     * precedence serves the type ({@code active} false).
     */
    static Map<String, Object> handler(PredicateCatalog.Handler handler) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", handler.bundleSymbolicName());
        m.put("version", handler.bundleVersion());
        m.put("ranking", handler.ranking());
        m.put("serviceId", handler.serviceId());
        m.put("predicateTypes", handler.predicateTypes().stream().map(t -> {
            Map<String, Object> type = new LinkedHashMap<>();
            type.put("type", t.uri());
            type.put("active", t.active());
            type.put("schema", t.active() && t.schemaPublished() ? schemaLink(t.uri()) : null);
            return type;
        }).toList());
        return m;
    }

    /** @return the path and query that serve the schema of a type */
    static String schemaLink(String type) {
        return SCHEMA_PATH + "?type=" + URLEncoder.encode(type, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
