package org.stellaops.attestor.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * Felix web console page "Attestor → Predicates": the installed predicate handlers with their predicate types,
 * providing bundle and version, ranking, and a link to each served type's JSON Schema, which the plugin serves
 * itself ({@code GET <root>/schema?type=<uri>}, {@code application/schema+json}), so the console's login is all it
 * takes. The same list as {@code GET /api/v1/predicates}; it belongs to no tenant, so {@code console.tenant} does not
 * change it.
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=" + PredicatesPlugin.LABEL,
        ServletConstants.PLUGIN_TITLE + "=Predicates",
        ServletConstants.PLUGIN_CATEGORY + "=Attestor"})
public class PredicatesPlugin extends AbstractServlet {

    /** The plugin's label: its path below the console. */
    static final String LABEL = "attestor-predicates";
    /** The path below the plugin root where a type's schema is served. */
    static final String SCHEMA_ROUTE = "/schema";
    /** The media type of a JSON Schema. */
    static final String SCHEMA_TYPE = "application/schema+json";

    private static final long serialVersionUID = 1L;

    private final transient PredicateCatalog catalog;

    /**
     * @param catalog the core's list of installed predicate handlers
     */
    @Activate
    public PredicatesPlugin(@Reference PredicateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (SCHEMA_ROUTE.equals(route(request))) {
            serveSchema(request.getParameter("type"), response);
        } else {
            super.doGet(request, response);
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        new PredicatesPage(catalog).render(response.getWriter(), pluginRoot(request));
    }

    /** The schema as the handler publishes it; a missing type, an unknown one or one without schema is plain text. */
    void serveSchema(String type, HttpServletResponse response) throws IOException {
        if (type == null || type.isEmpty()) {
            send(response, 400, "text/plain", "name the predicate type: " + SCHEMA_ROUTE.substring(1) + "?type=<uri>");
            return;
        }
        try {
            send(response, 200, SCHEMA_TYPE, catalog.schema(type));
        } catch (AttestorException e) {
            send(response, 404, "text/plain", e.code() + ": " + e.getMessage());
        }
    }

    private static void send(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType + ";charset=utf-8");
        // nosniff: the text is a producer's, and must never be read as HTML
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    /** @return the path below the plugin's label, e.g. {@code /schema}; empty for the page itself */
    static String route(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String prefix = "/" + LABEL;
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root instanceof String text ? text : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    }
}
