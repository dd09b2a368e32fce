package org.stellaops.attestor.console;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.stellaops.attestor.core.service.PredicateCatalog;

/**
 * The content of "Attestor → Predicates": one row per predicate type of every installed handler, in the handlers'
 * precedence order. Every value comes from a plugin bundle (names, versions, type URIs), so every one is
 * HTML-escaped, and a schema link always points below the plugin root whatever the type URI says.
 */
final class PredicatesPage {

    private final PredicateCatalog catalog;

    PredicatesPage(PredicateCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param out where the HTML goes
     * @param pluginRoot the plugin's path (the schema links start with it)
     */
    void render(PrintWriter out, String pluginRoot) {
        List<PredicateCatalog.Handler> handlers = catalog.handlers();
        if (handlers.isEmpty()) {
            out.println("<p class='statline'>No predicate handler is installed: every submission is refused with "
                    + "predicate.unknown_type.</p>");
            return;
        }
        long served = handlers.stream().flatMap(h -> h.predicateTypes().stream())
                .filter(PredicateCatalog.PredicateType::active).count();
        out.println("<p class='statline'>" + handlers.size() + " predicate handlers serve " + served
                + " predicate types (highest ranking first; a type claimed twice is served by the first).</p>");
        out.println("<table id='attestor-predicates' class='tablesorter nicetable'><thead><tr>"
                + "<th>Predicate type</th><th>Bundle</th><th>Version</th><th>Ranking</th><th>Service id</th>"
                + "<th>State</th><th>Schema</th></tr></thead><tbody>");
        for (PredicateCatalog.Handler handler : handlers) {
            for (PredicateCatalog.PredicateType type : handler.predicateTypes()) {
                out.println(row(handler, type, pluginRoot));
            }
        }
        out.println("</tbody></table>");
    }

    static String row(PredicateCatalog.Handler handler, PredicateCatalog.PredicateType type, String pluginRoot) {
        String css = type.active() ? "attestor-ok" : "attestor-shadowed";
        return "<tr class='" + css + "'><td><code>" + Rows.esc(type.uri()) + "</code></td><td>"
                + Rows.esc(handler.bundleSymbolicName()) + "</td><td>" + Rows.esc(handler.bundleVersion())
                + "</td><td>" + handler.ranking() + "</td><td>" + handler.serviceId() + "</td><td>"
                + (type.active() ? "active" : "shadowed by a handler of higher precedence") + "</td><td>"
                + schema(type, pluginRoot) + "</td></tr>";
    }

    private static String schema(PredicateCatalog.PredicateType type, String pluginRoot) {
        if (!type.schemaPublished()) {
            return "none published";
        }
        if (!type.active()) {
            return "published, not served (the active handler's is)";
        }
        String href = pluginRoot + PredicatesPlugin.SCHEMA_ROUTE + "?type="
                + URLEncoder.encode(type.uri(), StandardCharsets.UTF_8);
        return "<a href='" + Rows.esc(href) + "' target='_blank' rel='noopener'>JSON Schema</a>";
    }
}
