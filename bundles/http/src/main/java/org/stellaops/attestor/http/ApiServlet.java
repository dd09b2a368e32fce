package org.stellaops.attestor.http;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.api.keys.KeyDriverException;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.auth.Authenticator;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.AttestationService.StoredAttestation;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.PolicyInvalidException;
import org.stellaops.attestor.core.service.PolicyService;
import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.proof.TlogProof;
import org.stellaops.attestor.sdk.proof.TlogProofs;
import org.stellaops.attestor.store.EntryRecord;

/**
 * The v1 REST API (docs/api.md). Every request is authenticated first and every operation declares the scope it
 * needs (docs/security.md); every failure is an RFC 9457 problem with a stable {@code code}; nothing here holds
 * state but rate-limit buckets, so the servlet can be replaced at runtime without losing anything. Every operation
 * acts for the caller's tenant ({@link Tenancy}): another tenant's record or key is answered exactly like one that
 * does not exist.
 */
@Component(service = Servlet.class, configurationPid = "org.stellaops.attestor.http")
@HttpWhiteboardServletPattern("/api/*")
@Designate(ocd = ApiServlet.Config.class)
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** API settings. */
    @ObjectClassDefinition(name = "Attestor HTTP API")
    public @interface Config {
        /** @return the largest accepted request body */
        @AttributeDefinition(name = "Max request bytes", description = "Larger bodies are refused with 413 before parsing")
        int maxRequestBytes() default 4 * 1024 * 1024;

        /** @return the largest accepted batch body */
        @AttributeDefinition(name = "Max batch bytes", description = "The largest body of entries:batch and "
                + "verify:batch; larger bodies are refused with 413. Each item is also held to maxRequestBytes "
                + "(an oversized item fails alone)")
        int maxBatchBytes() default 256 * 1024 * 1024;

        /** @return how many items of an NDJSON batch answer are processed and written at a time */
        @AttributeDefinition(name = "NDJSON batch slice", description = "A batch answered as NDJSON is processed "
                + "this many items at a time, and each slice's lines are written and flushed before the next slice "
                + "starts, so a client reads results while the rest is processed. JSON answers are whole")
        int ndjsonSliceItems() default 100;

        /** @return the sustained request rate of one principal */
        @AttributeDefinition(name = "Requests per second per principal", description = "Sustained rate of one "
                + "authenticated principal (per tenant); more is refused with 429 and Retry-After. 0 turns the "
                + "limit off")
        double rateLimitPerSecond() default 1000;

        /** @return the burst of one principal */
        @AttributeDefinition(name = "Burst per principal", description = "Requests a principal may send at once "
                + "after being idle")
        double rateLimitBurst() default 2000;

        /** @return how many refused authentications an address may cause per minute */
        @AttributeDefinition(name = "Refused authentications per minute per address", description = "An address "
                + "that exceeds this is answered 429 before its credentials are looked at (slows down guessing). "
                + "0 turns the limit off")
        double authFailuresPerMinute() default 60;

        /** @return the tenant whose principals are the operator */
        @AttributeDefinition(name = "Operator tenant", description = "Principals of this tenant are the operator: "
                + "they alone may add shared trusted keys, read another tenant's records and audit events "
                + "(?tenant=), verify the whole audit chain and see deployment-wide figures (log backlogs, "
                + "verification cache). Empty: nobody is the operator")
        String operatorTenant() default "";
    }

    @Reference
    private transient AttestationService service;

    @Reference
    private transient KeyService keys;

    @Reference
    private transient Authenticator authenticator;

    @Reference
    private transient PredicateCatalog predicates;

    @Reference
    private transient PolicyService policies;

    /** The split-view monitor's per-log state, when bundle tlog-witness runs it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(attestor.status=tlog.monitor)")
    private transient volatile Supplier<List<Map<String, Object>>> monitor;

    private transient volatile int maxRequestBytes;
    private transient volatile List<Route> routes = List.of();
    private transient volatile Gate gate;
    private transient volatile Tenancy tenancy = new Tenancy("");

    /** For Declarative Services, which injects the references. */
    public ApiServlet() {
    }

    /** For a servlet container outside OSGi (tests): the core and the authenticator are given, the monitor absent. */
    ApiServlet(AttestationService service, KeyService keys, PredicateCatalog predicates, PolicyService policies,
               Authenticator authenticator) {
        this.service = service;
        this.keys = keys;
        this.predicates = predicates;
        this.policies = policies;
        this.authenticator = authenticator;
    }

    @Activate
    @Modified
    void activate(Config config) {
        maxRequestBytes = config.maxRequestBytes();
        // a Java array holds a little less than Integer.MAX_VALUE bytes
        int maxBatchBytes = Math.min(config.maxBatchBytes(), Integer.MAX_VALUE - 16);
        BatchEndpoints batch = new BatchEndpoints(service, policies, config.maxRequestBytes(), maxBatchBytes,
                Math.max(1, config.ndjsonSliceItems()));
        Tenancy configured = new Tenancy(config.operatorTenant());
        if (!configured.configuredValidly()) {
            LOG.warn("operatorTenant {} is not a tenant name (1 to 128 characters of A-Z a-z 0-9 . _ : @ -): nobody "
                    + "is the operator", config.operatorTenant());
        }
        tenancy = configured;
        QueryEndpoints queries = new QueryEndpoints(service, configured);
        gate = new Gate(authenticator, service,
                new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), 100_000, System::nanoTime),
                new RateLimiter(config.authFailuresPerMinute() / 60.0, config.authFailuresPerMinute(), 100_000,
                        System::nanoTime));
        routes = operations(queries, batch, configured);
    }

    /**
     * The v1 operations: attestations, trust roots, logs, audit, statistics, then the predicate handlers and the
     * key registry.
     */
    private List<Route> operations(QueryEndpoints queries, BatchEndpoints batch, Tenancy configured) {
        List<Route> all = new ArrayList<>(List.of(
                Route.of("POST", "/v1/rekor/entries", Scope.WRITE, this::submit),
                Route.of("GET", "/v1/rekor/entries", Scope.READ, queries::search),
                Route.of("POST", "/v1/rekor/entries:batch", Scope.WRITE, batch::submit),
                Route.of("GET", "/v1/rekor/entries/([^/]+)", Scope.READ, this::fetch),
                Route.of("GET", "/v1/rekor/entries/([^/]+)/tlog-proof", Scope.READ, this::tlogProof),
                Route.of("POST", "/v1/rekor/verify", Scope.VERIFY, this::verify),
                Route.of("POST", "/v1/rekor/verify:batch", Scope.VERIFY, batch::verify),
                Route.of("POST", "/v1/trust/keys", Scope.ADMIN, this::addKey),
                Route.of("GET", "/v1/trust/keys", Scope.READ, this::listKeys),
                Route.of("DELETE", "/v1/trust/keys/([^/]+)", Scope.ADMIN, this::revokeKey),
                Route.of("GET", "/v1/logs", Scope.READ, this::logs),
                Route.of("GET", "/v1/audit", Scope.ADMIN, queries::audit),
                Route.of("GET", "/v1/audit/verify", Scope.ADMIN, queries::verifyAudit),
                Route.of("GET", "/v1/stats", Scope.READ, queries::stats)));
        Clock clock = Clock.systemUTC();
        // a sign request carries a statement as large as a submission, plus room for its wrapper
        int signBodyBytes = (int) Math.min(Integer.MAX_VALUE - 16L,
                (long) maxRequestBytes + VerifyRequests.WRAPPER_ALLOWANCE);
        all.addAll(new PredicateEndpoints(predicates).routes());
        all.addAll(new PolicyEndpoints(policies, maxRequestBytes).routes());
        all.addAll(new KeyEndpoints(keys, configured, clock).routes());
        all.addAll(new SignEndpoints(keys, configured, clock, signBodyBytes).routes());
        return List.copyOf(all);
    }

    /** @return the operations, each with the scope it declares */
    List<Route> routes() {
        return routes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        Principal principal = null;
        try {
            principal = gate.authenticate(req, resp);
            if (principal == null) {
                return;
            }
            dispatch(new HttpExchange(req, resp, path, principal));
        } catch (PredicateRejectedException e) {
            HttpExchange exchange = new HttpExchange(req, resp, path, null);
            exchange.problemBody(Problems.withErrors(Problems.body(e.code(), e.getMessage(), req.getRequestURI()),
                    e.errors()));
        } catch (PolicyInvalidException e) {
            HttpExchange exchange = new HttpExchange(req, resp, path, null);
            exchange.problemBody(Problems.withProblems(Problems.body(e.code(), e.getMessage(), req.getRequestURI()),
                    e.problems()));
        } catch (AttestorException e) {
            if (Tenancy.OPERATOR_ONLY.equals(e.code())) {
                // a refused authorisation, audited like the Gate's own refusals
                service.recordSecurityEvent("auth.authorize", req.getMethod() + " " + req.getRequestURI(), e.code(),
                        e.getMessage(), Gate.provenance(req, principal));
            }
            new HttpExchange(req, resp, path, null).problem(e.code(), e.getMessage());
        } catch (StorageException e) {
            LOG.error("storage failure on {} {}", req.getMethod(), req.getRequestURI(), e);
            new HttpExchange(req, resp, path, null).problem(e.code(), e.getMessage());
        } catch (KeyDriverException e) {
            // the core wraps driver failures; one that reaches here unwrapped still has its stable code
            LOG.warn("key driver failure on {} {}: {}", req.getMethod(), req.getRequestURI(), e.code());
            new HttpExchange(req, resp, path, null).problem(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), e);
            new HttpExchange(req, resp, path, null).problem(Problems.INTERNAL, Problems.UNEXPECTED);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        boolean pathMatched = false;
        for (Route route : routes) {
            List<String> params = route.match(exchange.path());
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(exchange.method())) {
                if (gate.authorize(exchange.request(), exchange.response(), exchange.principal(), route.scope())) {
                    route.handler().handle(exchange, params);
                }
                return;
            }
        }
        if (pathMatched) {
            exchange.problem("request.method_not_allowed", exchange.method() + " is not allowed on " + exchange.path());
        } else {
            exchange.problem("request.not_found", "no API operation at " + exchange.path());
        }
    }

    private void submit(HttpExchange exchange, List<String> params) throws IOException {
        byte[] body = exchange.jsonBody(maxRequestBytes);
        answerSubmission(exchange, service.submit(body, exchange.provenance()), Map.of());
    }

    /**
     * Answers a submission: 201, 200 or 202 ({@link Views#submissionStatus}) with the record, and {@code Location}
     * unless it is a duplicate that is settled.
     *
     * @param extra members added after the record's (a signature's envelope and key)
     */
    static void answerSubmission(HttpExchange exchange, Submission submission, Map<String, Object> extra)
            throws IOException {
        int status = Views.submissionStatus(submission);
        if (status != 200) {
            exchange.header("Location", Views.statusUrl(submission.record()));
        }
        Map<String, Object> view = Views.record(submission.record());
        view.putAll(extra);
        exchange.json(status, view);
    }

    /** Another tenant's record is not found, exactly like an unknown id: same status, code and detail. */
    private void fetch(HttpExchange exchange, List<String> params) throws IOException {
        StoredAttestation stored = find(exchange, params.get(0));
        Map<String, Object> view = Views.record(stored.record());
        view.put("envelope", JSON.readTree(stored.envelopeJson()));
        exchange.json(200, view);
    }

    /**
     * The offline proof of one log entry in the C2SP tlog-proof format: the entry named by a uuid (the first log's,
     * when several logs hold it), or the first entry of the record named by {@code sha256:<digest>}; 404 while it is
     * still pending.
     */
    private void tlogProof(HttpExchange exchange, List<String> params) throws IOException {
        String id = params.get(0);
        EntryRecord record = find(exchange, id).record();
        boolean byDigest = id.toLowerCase(Locale.ROOT).startsWith("sha256:");
        LogEntry entry = record.logEntries().stream()
                .filter(e -> byDigest || e.uuid().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new AttestorException("entry.not_found", "the entry is not logged yet"));
        InclusionProof proof = entry.inclusionProof();
        String text = TlogProofs.format(new TlogProof(Bytes.EMPTY, entry.logIndex(), proof.hashes(),
                proof.checkpoint()));
        exchange.header("Content-Disposition", "attachment; filename=\"" + entry.uuid() + ".tlog-proof\"");
        exchange.text(200, text);
    }

    private StoredAttestation find(HttpExchange exchange, String id) {
        return service.fetch(exchange.principal().tenant(), id).orElseThrow(() ->
                new AttestorException("entry.not_found", "no attestation with id " + id));
    }

    private void verify(HttpExchange exchange, List<String> params) throws IOException {
        JsonNode body = VerifyRequests.object(exchange.jsonBody(maxRequestBytes + VerifyRequests.WRAPPER_ALLOWANCE));
        VerifyRequest request = VerifyRequests.of(body);
        PolicyService.PolicyRequest policy = VerifyRequests.policyOf(body);
        if (policy != null) {
            exchange.json(200, Views.report(policies.verify(request, policy, exchange.provenance())));
            return;
        }
        var report = !request.rfc3161Timestamps().isEmpty() ? service.verify(request, exchange.provenance())
                : request.id() != null ? service.verifyStored(request.id(), exchange.provenance())
                : request.tlogEntries().isEmpty() ? service.verifyEnvelope(request.envelopeJson(), exchange.provenance())
                : service.verifyEnvelopeWithEntries(request.envelopeJson(), request.tlogEntries(),
                        exchange.provenance());
        exchange.json(200, Views.report(report));
    }

    /** A key of the caller's tenant; a shared key (trusted by every tenant) only from the operator. */
    private void addKey(HttpExchange exchange, List<String> params) throws IOException {
        JsonNode request = VerifyRequests.object(exchange.jsonBody(64 * 1024));
        String name = text(request.get("name"), "name");
        String pem = text(request.get("publicKeyPem"), "publicKeyPem");
        boolean shared = flag(request.get("shared"), "shared");
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        if (shared) {
            caller.requireOperator("adding a shared key");
        }
        var key = service.addTrustedKey(name, pem, shared, exchange.provenance());
        exchange.json(201, Views.trustedKey(key, caller.operator()));
    }

    private void listKeys(HttpExchange exchange, List<String> params) throws IOException {
        Tenancy.Caller caller = tenancy.caller(exchange.principal());
        exchange.json(200, Map.of("keys", service.trustedKeys(caller.tenant()).stream()
                .map(key -> Views.trustedKey(key, caller.operator())).toList()));
    }

    /** Only the caller's own keys: another tenant's key (or a shared one of the operator) is not found. */
    private void revokeKey(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, Views.trustedKey(service.revokeTrustedKey(params.get(0), exchange.provenance()),
                tenancy.isOperator(exchange.principal())));
    }

    private void logs(HttpExchange exchange, List<String> params) throws IOException {
        List<Map<String, Object>> logs = Views.logs(service.logStatus(), tenancy.isOperator(exchange.principal()));
        Supplier<List<Map<String, Object>>> m = monitor;
        exchange.json(200, Map.of("logs", m == null ? logs : Views.withMonitor(logs, m.get())));
    }

    private static boolean flag(JsonNode node, String member) {
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new AttestorException("request.malformed", "\"" + member + "\" must be true or false");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode node, String member) {
        if (node == null || !node.isTextual()) {
            throw new AttestorException("request.malformed", "\"" + member + "\" must be a string");
        }
        return node.asText();
    }
}
