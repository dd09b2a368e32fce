package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.core.service.PredicateCatalog.Handler;
import org.stellaops.attestor.core.service.PredicateCatalog.PredicateType;

class PredicatesPageTest {

    private static final String ROOT = "/system/console/attestor-predicates";
    private static final String CYCLONEDX = "https://cyclonedx.org/bom";

    private final FixedCatalog catalog = new FixedCatalog();

    private String render() {
        StringWriter html = new StringWriter();
        try (PrintWriter out = new PrintWriter(html)) {
            new PredicatesPage(catalog).render(out, ROOT);
        }
        return html.toString();
    }

    @Test
    void listsEveryTypeWithItsBundleVersionRankingAndServiceId() {
        catalog.handlers.add(new Handler("org.stellaops.attestor.predicate-sbom", "1.0.0.SNAPSHOT", 10, 41,
                List.of(new PredicateType(CYCLONEDX, true, true), new PredicateType("https://spdx.dev/Document",
                        true, false))));
        String html = render();
        assertTrue(html.contains("<td><code>https://cyclonedx.org/bom</code></td>"
                + "<td>org.stellaops.attestor.predicate-sbom</td><td>1.0.0.SNAPSHOT</td><td>10</td><td>41</td>"
                + "<td>active</td>"), html);
        assertTrue(html.contains("<code>https://spdx.dev/Document</code>"), html);
        assertTrue(html.contains("1 predicate handlers serve 2 predicate types"), html);
    }

    @Test
    void linksTheSchemaOfAServedTypeBelowThePluginRoot() {
        catalog.handlers.add(new Handler("org.example.sbom", "1.0.0", 0, 1,
                List.of(new PredicateType(CYCLONEDX, true, true))));
        assertTrue(render().contains("<a href='" + ROOT + "/schema?type=https%3A%2F%2Fcyclonedx.org%2Fbom' "
                + "target='_blank' rel='noopener'>JSON Schema</a>"));
    }

    @Test
    void saysWhenNoSchemaIsPublishedOrAShadowedHandlersIsNotServed() {
        catalog.handlers.add(new Handler("org.example.new", "2.0.0", 5, 2,
                List.of(new PredicateType(CYCLONEDX, true, false))));
        catalog.handlers.add(new Handler("org.example.old", "1.0.0", 0, 1,
                List.of(new PredicateType(CYCLONEDX, false, true))));
        String html = render();
        assertTrue(html.contains("none published"), html);
        assertTrue(html.contains("shadowed by a handler of higher precedence"), html);
        assertTrue(html.contains("published, not served"), html);
        assertFalse(html.contains("<a href="), html);
    }

    @Test
    void escapesWhatPluginsNameAndKeepsLinksBelowThePluginRoot() {
        String type = "javascript:alert('x')//\"><script>alert(1)</script>";
        catalog.handlers.add(new Handler("<img src=x onerror=alert(1)>", "1.0.0'><b>", 0, 1,
                List.of(new PredicateType(type, true, true))));
        String html = render();
        assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("<b>"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("<a href='" + ROOT + "/schema?type=javascript%3Aalert%28%27x%27%29"), html);
    }

    @Test
    void saysSoWhenNoHandlerIsInstalled() {
        String html = render();
        assertTrue(html.contains("No predicate handler is installed"), html);
        assertFalse(html.contains("<table"), html);
    }
}
