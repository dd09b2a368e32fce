package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stellaops.attestor.auth.Scope;

/**
 * {@code GET /api/v1/predicates} and {@code GET /api/v1/predicates/schema} of the built distribution: the five
 * handler bundles with their predicate types and versions, and every type's schema served exactly as its bundle
 * ships it (docs/api.md, "Predicate handlers").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredicateCatalogIT {

    private static final String LIST = "/api/v1/predicates";
    private static final String SCHEMA = "/api/v1/predicates/schema";

    /** Each type's schema: the bundle that serves it and the resource it ships it as (docs/predicates/*.md). */
    private static final Map<String, String[]> SCHEMAS = new LinkedHashMap<>();

    static {
        schema(PredicateFormat.SLSA_BUNDLE, "schemas/slsa-provenance-v1.schema.json", "https://slsa.dev/provenance/v1");
        schema(PredicateFormat.SLSA_BUNDLE, "schemas/slsa-provenance-v0.2.schema.json", "https://slsa.dev/provenance/v0.2");
        schema(PredicateFormat.SBOM_BUNDLE, "schemas/cyclonedx/bom-1.6.schema.json", "https://cyclonedx.org/bom",
                "https://cyclonedx.org/bom/v1.6");
        schema(PredicateFormat.SBOM_BUNDLE, "schemas/cyclonedx/bom-1.5.schema.json", "https://cyclonedx.org/bom/v1.5");
        schema(PredicateFormat.SBOM_BUNDLE, "schemas/cyclonedx/bom-1.4.schema.json", "https://cyclonedx.org/bom/v1.4");
        schema(PredicateFormat.SBOM_BUNDLE, "schemas/spdx/spdx-schema-v2.3.json", "https://spdx.dev/Document",
                "https://spdx.dev/Document/v2.3");
        schema(PredicateFormat.SBOM_BUNDLE, "schemas/spdx/spdx-schema-2.2.2.json", "https://spdx.dev/Document/v2.2");
        schema(PredicateFormat.VEX_BUNDLE, "schemas/openvex/openvex_json_schema.json", "https://openvex.dev/ns",
                "https://openvex.dev/ns/v0.2.0");
        schema(PredicateFormat.VEX_BUNDLE, "schemas/cyclonedx/bom-1.6.schema.json", "https://cyclonedx.org/vex");
        schema(PredicateFormat.SCAN_BUNDLE, "schemas/scan-results-v1.schema.json",
                "https://stella-ops.org/attestation/scan-results/v1");
        schema(PredicateFormat.SCAN_BUNDLE, "schemas/cosign-vuln-v1.schema.json",
                "https://cosign.sigstore.dev/attestation/vuln/v1");
        schema(PredicateFormat.POLICY_BUNDLE, "schemas/policy-evaluation-v1.schema.json",
                "https://stella-ops.org/attestation/policy-evaluation/v1");
    }

    private static void schema(String bundle, String resource, String... types) {
        for (String type : types) {
            SCHEMAS.put(type, new String[] {bundle, resource});
        }
    }

    private AttestorProcess server;
    private ApiClient api;

    @BeforeAll
    void startServer() {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** @return the documented types of each bundle, sorted as the listing sorts them */
    private static Map<String, List<String>> typesByBundle() {
        Map<String, List<String>> types = new TreeMap<>();
        SCHEMAS.forEach((type, where) -> types.computeIfAbsent(where[0], b -> new ArrayList<>()).add(type));
        types.values().forEach(list -> list.sort(String::compareTo));
        return types;
    }

    private Map<String, JsonNode> handlersByBundle() {
        ApiResponse response = api.get(LIST);
        assertEquals(200, response.status(), response::describe);
        assertTrue(response.contentType().startsWith("application/json"), response::describe);
        Map<String, JsonNode> handlers = new TreeMap<>();
        response.json().path("handlers").forEach(h -> assertEquals(null, handlers.put(h.path("bundle").asText(), h),
                () -> "one handler per bundle: " + response.describe()));
        return handlers;
    }

    @Test
    void listsTheFiveHandlerBundlesWithTheirPredicateTypes() {
        Map<String, JsonNode> handlers = handlersByBundle();
        assertEquals(typesByBundle().keySet(), handlers.keySet());
        typesByBundle().forEach((bundle, types) -> {
            List<String> listed = new ArrayList<>();
            handlers.get(bundle).path("predicateTypes").forEach(t -> listed.add(t.path("type").asText()));
            assertEquals(types, listed, bundle + " lists its types, sorted");
        });
    }

    @Test
    void namesEachBundleWithTheVersionItWasBuiltWith() {
        Map<String, JsonNode> handlers = handlersByBundle();
        handlers.forEach((bundle, handler) -> {
            assertEquals(ShippedBundles.bundle(bundle).version(), handler.path("version").asText(), bundle);
            assertTrue(handler.path("serviceId").isIntegralNumber(), handler::toString);
            assertTrue(handler.path("ranking").isIntegralNumber(), handler::toString);
        });
        for (String bundle : List.of(PredicateFormat.SBOM_BUNDLE, PredicateFormat.VEX_BUNDLE,
                PredicateFormat.SCAN_BUNDLE, PredicateFormat.POLICY_BUNDLE)) {
            assertEquals("1.0.0.SNAPSHOT", handlers.get(bundle).path("version").asText(), bundle);
        }
        assertEquals(ShippedBundles.bundle(PredicateFormat.SLSA_BUNDLE).version(),
                handlers.get(PredicateFormat.SLSA_BUNDLE).path("version").asText());
    }

    @Test
    void listsHandlersHighestPrecedenceFirst() {
        ApiResponse response = api.get(LIST);
        JsonNode previous = null;
        for (JsonNode handler : response.json().path("handlers")) {
            if (previous != null) {
                long rankingBefore = previous.path("ranking").asLong();
                long ranking = handler.path("ranking").asLong();
                assertTrue(rankingBefore > ranking || rankingBefore == ranking
                        && previous.path("serviceId").asLong() < handler.path("serviceId").asLong(), response::describe);
            }
            previous = handler;
        }
    }

    @Test
    void linksEveryActiveTypeToItsSchema() {
        handlersByBundle().values().forEach(handler -> handler.path("predicateTypes").forEach(type -> {
            String uri = type.path("type").asText();
            assertTrue(type.path("active").asBoolean(false), () -> "no other handler claims " + uri);
            String link = SCHEMA + "?type=" + URLEncoder.encode(uri, StandardCharsets.UTF_8).replace("+", "%20");
            assertEquals(link, type.path("schema").asText(), uri);
        }));
    }

    @Test
    void servesEachTypesSchemaExactlyAsItsBundleShipsIt() {
        handlersByBundle().values().forEach(handler -> handler.path("predicateTypes").forEach(type -> {
            String uri = type.path("type").asText();
            ApiResponse schema = api.get(type.path("schema").asText());
            assertEquals(200, schema.status(), schema::describe);
            assertTrue(schema.contentType().startsWith("application/schema+json"), schema::describe);
            assertTrue(schema.json().isObject(), () -> "a JSON Schema document: " + uri);
            String[] shipped = SCHEMAS.get(uri);
            assertEquals(new String(ShippedBundles.resource(shipped[0], shipped[1]), StandardCharsets.UTF_8),
                    schema.body(), () -> uri + " is served as " + shipped[0] + " ships " + shipped[1]);
        }));
    }

    @Test
    void answersATypeNoHandlerOwnsWithPredicateNotFound() {
        api.get(SCHEMA + "?" + BatchApiClient.query("type", "https://example.com/attestation/unknown/v1"))
                .assertProblem(404, "predicate.not_found");
        api.get(SCHEMA + "?" + BatchApiClient.query("type", "https://slsa.dev/provenance/v1/"))
                .assertProblem(404, "predicate.not_found");
    }

    @Test
    void refusesASchemaRequestWithoutExactlyOneType() {
        api.get(SCHEMA).assertProblem(400, "request.invalid");
        api.get(SCHEMA + "?type=").assertProblem(400, "request.invalid");
        api.get(SCHEMA + "?" + BatchApiClient.query("type", "https://slsa.dev/provenance/v1", "type",
                "https://openvex.dev/ns")).assertProblem(400, "request.invalid");
        api.get(LIST + "?bundle=x").assertProblem(400, "request.invalid");
    }

    @Test
    void refusesCallersWithoutAToken() {
        RawClient anonymous = RawClient.of(server);
        for (String path : List.of(LIST, SCHEMA + "?" + BatchApiClient.query("type", "https://openvex.dev/ns"))) {
            RawClient.Answer answer = anonymous.send("GET", path);
            answer.response().assertProblem(401, "auth.missing");
            assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), answer.response()::describe);
        }
    }

    @Test
    void refusesTokensWithoutTheReadScope() {
        ApiClient writer = new ApiClient(server, TestHttp.authorization(server, TestHttp.TENANT, Scope.WRITE));
        writer.get(LIST).assertProblem(403, "auth.insufficient_scope");
        writer.get(SCHEMA + "?" + BatchApiClient.query("type", "https://openvex.dev/ns"))
                .assertProblem(403, "auth.insufficient_scope");
    }
}
