package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.PredicateCatalog.Handler;
import org.stellaops.attestor.core.service.PredicateCatalog.PredicateType;

/** The plugin's schema route in a real servlet container, mounted where the console mounts it. */
class PredicatesPluginTest {

    private static final String PATH = "/system/console/" + PredicatesPlugin.LABEL + PredicatesPlugin.SCHEMA_ROUTE;
    private static final String CYCLONEDX = "https://cyclonedx.org/bom";
    private static final String VEX = "https://openvex.dev/ns/v0.2.0";
    private static final String SCHEMA = "{\"title\":\"CycloneDX <bom>\"}";

    private final FixedCatalog catalog = new FixedCatalog();
    private Server server;
    private String origin;

    @BeforeEach
    void start() throws Exception {
        catalog.handlers.add(new Handler("org.example.sbom", "1.0.0", 0, 1,
                List.of(new PredicateType(CYCLONEDX, true, true), new PredicateType(VEX, true, false))));
        catalog.schemas.put(CYCLONEDX, SCHEMA);
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new PredicatesPlugin(catalog)), "/system/console/*");
        server.setHandler(context);
        server.start();
        origin = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + PATH + query)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String type(String uri) {
        return "?type=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
    }

    @Test
    void servesTheSchemaOfAServedTypeAsSchemaJsonThatIsNeverSniffed() throws Exception {
        HttpResponse<String> answer = get(type(CYCLONEDX));
        assertEquals(200, answer.statusCode());
        assertEquals(SCHEMA, answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/schema+json"));
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void answersAnUnknownTypeOrOneWithoutSchemaWith404AndItsCode() throws Exception {
        HttpResponse<String> unknown = get(type("https://example.com/none"));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("predicate.not_found:"), unknown.body());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        HttpResponse<String> none = get(type(VEX));
        assertEquals(404, none.statusCode());
        assertTrue(none.body().startsWith("predicate.schema_not_found:"), none.body());
    }

    @Test
    void refusesARequestWithoutType() throws Exception {
        assertEquals(400, get("").statusCode());
        assertEquals(400, get("?type=").statusCode());
    }
}
