package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.store.Provenance;

class AttestationsPageTest {

    private static final String PAGE = "/system/console/attestor-entries";

    private final RecordingCore core = new RecordingCore();

    @BeforeEach
    void storeTwoTenantsData() {
        core.records.add(RecordingCore.record("aa".repeat(32), "tenant-a", "https://example/a"));
        core.records.add(RecordingCore.record("bb".repeat(32), "tenant-b", "https://example/b"));
        core.events.add(RecordingCore.event("tenant-a", "event of a"));
        core.events.add(RecordingCore.event("tenant-b", "event of b"));
        core.events.add(RecordingCore.event("", "event of the deployment"));
    }

    private String render(String configured, String requested) {
        StringWriter html = new StringWriter();
        try (PrintWriter out = new PrintWriter(html)) {
            new AttestationsPage(core).render(out, new ConsoleScope(configured), requested, PAGE, "admin",
                    "127.0.0.1");
        }
        return html.toString();
    }

    @Test
    void showsEveryTenantsAttestationsAndAuditEventsWithTheirTenant() {
        String html = render("", null);
        assertEquals(List.of("*", "*"), core.reads);
        assertTrue(html.contains("https://example/a") && html.contains("https://example/b"), html);
        assertTrue(html.contains("event of a") && html.contains("event of b")
                && html.contains("event of the deployment"), html);
        assertTrue(html.contains("<th>Tenant</th>"), html);
        assertTrue(html.contains("name='tenant'"), html);
    }

    @Test
    void verifiesEachAttestationAsItsOwnTenant() {
        String html = render("", null);
        assertEquals(List.of("tenant-a", "tenant-b"), core.provenances.stream().map(Provenance::tenant).toList());
        assertEquals("admin", core.provenances.get(0).principal());
        assertFalse(html.contains("FAILED"), html);
    }

    @Test
    void filtersByTheRequestedTenant() {
        String html = render("", "tenant-b");
        assertEquals(List.of("tenant-b", "tenant-b"), core.reads);
        assertFalse(html.contains("https://example/a"), html);
        assertFalse(html.contains("event of a"), html);
        assertTrue(html.contains("1 attestations stored for tenant tenant-b"), html);
    }

    @Test
    void refusesAFilterThatIsNotATenantNameAndEscapesIt() {
        String html = render("", "<script>x</script>");
        assertTrue(core.reads.isEmpty());
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("value='&lt;script&gt;x&lt;/script&gt;'"), html);
    }

    @Test
    void showsOnlyTheScopedTenantWithoutAFilter() {
        String html = render("tenant-a", "tenant-b");
        assertEquals(List.of("tenant-a", "tenant-a"), core.reads);
        assertFalse(html.contains("https://example/b") || html.contains("event of b")
                || html.contains("event of the deployment"), html);
        assertFalse(html.contains("name='tenant'"), html);
    }

    @Test
    void showsNothingWhenTheScopeIsNotATenantName() {
        String html = render("not a tenant", null);
        assertTrue(core.reads.isEmpty());
        assertTrue(html.contains("console.tenant"), html);
    }
}
