package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PolicyService.PolicyDraft;
import org.stellaops.attestor.core.service.PolicyService.PolicyInfo;
import org.stellaops.attestor.core.service.PolicyService.PolicyVersionInfo;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * Verification policies of the caller's tenant (docs/api.md, "Policies"): reading needs {@code attestor.read},
 * every change, approval and simulation {@code attestor.admin}. A policy document is the request body itself, JSON
 * or YAML by its {@code Content-Type}; every change makes a new immutable version. Another tenant's policy is not
 * found, exactly like one that does not exist.
 */
final class PolicyEndpoints {

    /** Media types of YAML documents (there is no single registered one in use everywhere). */
    static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");
    private static final Pattern VERSION = Pattern.compile("[1-9]\\d{0,8}");
    private static final int MAX_COMMENT = 1024;

    private final PolicyService policies;
    private final PolicySimulationEndpoint simulation;
    private final int maxDocumentBytes;

    PolicyEndpoints(PolicyService policies, int maxDocumentBytes) {
        this.policies = policies;
        this.simulation = new PolicySimulationEndpoint(policies, maxDocumentBytes);
        this.maxDocumentBytes = maxDocumentBytes;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", "/v1/policies", Scope.READ, this::list),
                Route.of("POST", "/v1/policies", Scope.ADMIN, this::create),
                Route.of("POST", "/v1/policies:load-starters", Scope.ADMIN, this::loadStarters),
                Route.of("GET", "/v1/policies/([^/]+)", Scope.READ, this::show),
                Route.of("PUT", "/v1/policies/([^/]+)", Scope.ADMIN, this::update),
                Route.of("DELETE", "/v1/policies/([^/]+)", Scope.ADMIN, this::delete),
                Route.of("GET", "/v1/policies/([^/]+)/versions/([^/]+)", Scope.READ, this::showVersion),
                Route.of("POST", "/v1/policies/([^/]+)/versions/([^/]+)/approve", Scope.ADMIN, this::approve),
                Route.of("POST", "/v1/policies/([^/]+)/simulate", Scope.ADMIN, simulation::simulate));
    }

    private void list(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        exchange.json(200, Map.of("policies", policies.policies(exchange.principal().tenant()).stream()
                .map(p -> PolicyViews.policy(p, false)).toList()));
    }

    private void create(HttpExchange exchange, List<String> params) throws IOException {
        PolicyInfo info = policies.create(draft(exchange), exchange.provenance());
        exchange.header("Location", PolicyViews.POLICIES_PATH + info.policyId());
        exchange.json(201, PolicyViews.policy(info, true));
    }

    private void update(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, PolicyViews.policy(policies.update(params.get(0), draft(exchange), exchange.provenance()),
                true));
    }

    private void delete(HttpExchange exchange, List<String> params) throws IOException {
        String comment = comment(QueryParameters.of(exchange.queryParameters(), Set.of("comment")));
        exchange.json(200, PolicyViews.policy(policies.delete(params.get(0), comment, exchange.provenance()), true));
    }

    private void show(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        exchange.json(200, PolicyViews.policy(find(exchange, params.get(0)), true));
    }

    private void showVersion(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        int version = version(params.get(1));
        PolicyVersionInfo found = find(exchange, params.get(0)).versions().stream()
                .filter(v -> v.version() == version).findFirst().orElseThrow(() -> new AttestorException(
                        "policy.not_found", "policy " + params.get(0) + " has no version " + version));
        exchange.json(200, PolicyViews.version(found, true));
    }

    private void approve(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        exchange.json(200, PolicyViews.policy(policies.approve(params.get(0), version(params.get(1)),
                exchange.provenance()), true));
    }

    private void loadStarters(HttpExchange exchange, List<String> params) throws IOException {
        QueryParameters.of(exchange.queryParameters(), Set.of());
        exchange.json(200, Map.of("results", PolicyViews.starters(policies.loadStarterPolicies(
                exchange.provenance()))));
    }

    private PolicyInfo find(HttpExchange exchange, String policyId) {
        return policies.policy(exchange.principal().tenant(), policyId).orElseThrow(() ->
                new AttestorException("policy.not_found", "no policy " + policyId));
    }

    /** The body as a document, with its format from the Content-Type and the author's {@code comment}. */
    private PolicyDraft draft(HttpExchange exchange) throws IOException {
        String comment = comment(QueryParameters.of(exchange.queryParameters(), Set.of("comment")));
        String format = format(exchange.mediaType());
        return new PolicyDraft(exchange.body(maxDocumentBytes), format, comment);
    }

    /** @return {@code json} or {@code yaml} for a request media type (none: JSON) */
    static String format(String mediaType) {
        if (mediaType == null || HttpExchange.isJson(mediaType)) {
            return "json";
        }
        if (YAML_TYPES.contains(mediaType.toLowerCase(Locale.ROOT))) {
            return "yaml";
        }
        throw new AttestorException("request.unsupported_media_type", "send a policy document as application/json "
                + "or application/yaml, not " + mediaType);
    }

    private static String comment(QueryParameters query) {
        String comment = query.text("comment");
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw QueryParameters.invalid("comment", "longer than " + MAX_COMMENT + " characters");
        }
        return comment == null ? "" : comment;
    }

    static int version(String text) {
        if (!VERSION.matcher(text).matches()) {
            throw new AttestorException("policy.not_found", "a policy version is a whole number from 1, not " + text);
        }
        return Integer.parseInt(text);
    }
}
