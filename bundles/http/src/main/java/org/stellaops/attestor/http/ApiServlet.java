package org.stellaops.attestor.http;

import java.io.IOException;
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
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.AttestationService.StoredAttestation;
import org.stellaops.attestor.core.service.AttestationService.Submission;
import org.stellaops.attestor.core.service.AttestationService.VerifyRequest;
import org.stellaops.attestor.core.service.PredicateRejectedException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.proof.TlogProof;
import org.stellaops.attestor.sdk.proof.TlogProofs;
import org.stellaops.attestor.store.EntryRecord;

/**
 * The v1 REST API (docs/api.md). Every failure is an RFC 9457 problem with a stable {@code code}; nothing here
 * holds state, so the servlet can be replaced at runtime without losing anything.
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
    }

    @Reference
    private transient AttestationService service;

    /** The split-view monitor's per-log state, when bundle tlog-witness runs it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(attestor.status=tlog.monitor)")
    private transient volatile Supplier<List<Map<String, Object>>> monitor;

    private transient volatile int maxRequestBytes;
    private transient volatile List<Route> routes = List.of();

    /** For Declarative Services, which injects the references. */
    public ApiServlet() {
    }

    /** For a servlet container outside OSGi (tests): the core is given, the monitor absent. */
    ApiServlet(AttestationService service) {
        this.service = service;
    }

    @Activate
    @Modified
    void activate(Config config) {
        maxRequestBytes = config.maxRequestBytes();
        // a Java array holds a little less than Integer.MAX_VALUE bytes
        int maxBatchBytes = Math.min(config.maxBatchBytes(), Integer.MAX_VALUE - 16);
        BatchEndpoints batch = new BatchEndpoints(service, config.maxRequestBytes(), maxBatchBytes);
        QueryEndpoints queries = new QueryEndpoints(service);
        routes = List.of(
                Route.of("POST", "/v1/rekor/entries", this::submit),
                Route.of("GET", "/v1/rekor/entries", queries::search),
                Route.of("POST", "/v1/rekor/entries:batch", batch::submit),
                Route.of("GET", "/v1/rekor/entries/([^/]+)", this::fetch),
                Route.of("GET", "/v1/rekor/entries/([^/]+)/tlog-proof", this::tlogProof),
                Route.of("POST", "/v1/rekor/verify", this::verify),
                Route.of("POST", "/v1/rekor/verify:batch", batch::verify),
                Route.of("POST", "/v1/trust/keys", this::addKey),
                Route.of("GET", "/v1/trust/keys", this::listKeys),
                Route.of("DELETE", "/v1/trust/keys/([^/]+)", this::revokeKey),
                Route.of("GET", "/v1/logs", this::logs),
                Route.of("GET", "/v1/audit", queries::audit),
                Route.of("GET", "/v1/audit/verify", queries::verifyAudit),
                Route.of("GET", "/v1/stats", queries::stats));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        HttpExchange exchange = new HttpExchange(req, resp, path);
        try {
            dispatch(exchange);
        } catch (PredicateRejectedException e) {
            exchange.problemBody(Problems.withErrors(Problems.body(e.code(), e.getMessage(), req.getRequestURI()),
                    e.errors()));
        } catch (AttestorException e) {
            exchange.problem(e.code(), e.getMessage());
        } catch (StorageException e) {
            LOG.error("storage failure on {} {}", req.getMethod(), req.getRequestURI(), e);
            exchange.problem(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), e);
            exchange.problem(Problems.INTERNAL, Problems.UNEXPECTED);
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
                route.handler().handle(exchange, params);
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
        Submission submission = service.submit(body, exchange.provenance());
        int status = Views.submissionStatus(submission);
        if (status != 200) {
            exchange.header("Location", Views.statusUrl(submission.record()));
        }
        exchange.json(status, Views.record(submission.record()));
    }

    private void fetch(HttpExchange exchange, List<String> params) throws IOException {
        StoredAttestation stored = service.fetch(params.get(0)).orElseThrow(() ->
                new AttestorException("entry.not_found", "no attestation with id " + params.get(0)));
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
        EntryRecord record = service.fetch(id).orElseThrow(() ->
                new AttestorException("entry.not_found", "no attestation with id " + id)).record();
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

    private void verify(HttpExchange exchange, List<String> params) throws IOException {
        VerifyRequest request = VerifyRequests.of(VerifyRequests.object(
                exchange.jsonBody(maxRequestBytes + VerifyRequests.WRAPPER_ALLOWANCE)));
        var report = request.id() != null ? service.verifyStored(request.id(), exchange.provenance())
                : request.tlogEntries().isEmpty() ? service.verifyEnvelope(request.envelopeJson(), exchange.provenance())
                : service.verifyEnvelopeWithEntries(request.envelopeJson(), request.tlogEntries(),
                        exchange.provenance());
        exchange.json(200, Views.report(report));
    }

    private void addKey(HttpExchange exchange, List<String> params) throws IOException {
        JsonNode request = VerifyRequests.object(exchange.jsonBody(64 * 1024));
        var key = service.addTrustedKey(text(request.get("name"), "name"),
                text(request.get("publicKeyPem"), "publicKeyPem"), exchange.provenance());
        exchange.json(201, Views.trustedKey(key));
    }

    private void listKeys(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, Map.of("keys", service.trustedKeys().stream().map(Views::trustedKey).toList()));
    }

    private void revokeKey(HttpExchange exchange, List<String> params) throws IOException {
        exchange.json(200, Views.trustedKey(service.revokeTrustedKey(params.get(0), exchange.provenance())));
    }

    private void logs(HttpExchange exchange, List<String> params) throws IOException {
        List<Map<String, Object>> logs = Views.logs(service.logStatus());
        Supplier<List<Map<String, Object>>> m = monitor;
        exchange.json(200, Map.of("logs", m == null ? logs : Views.withMonitor(logs, m.get())));
    }

    private static String text(JsonNode node, String member) {
        if (node == null || !node.isTextual()) {
            throw new AttestorException("request.malformed", "\"" + member + "\" must be a string");
        }
        return node.asText();
    }
}
