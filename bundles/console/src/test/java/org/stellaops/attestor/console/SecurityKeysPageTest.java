package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;

class SecurityKeysPageTest {

    private static final String ROOT = "/system/console/attestor-security-keys";

    private final RecordingKeys keys = new RecordingKeys().withFido2Driver();

    private String render(String configured, String requested) {
        StringWriter html = new StringWriter();
        try (PrintWriter out = new PrintWriter(html)) {
            new SecurityKeysPage(keys).render(out, new ConsoleScope(configured), requested, ROOT, "console:admin",
                    RecordingKeys.T0);
        }
        return html.toString();
    }

    @Test
    void listsOnlyTheTenantsOwnSecurityKeys() {
        keys.keys.add(RecordingKeys.key("alice-yubikey", "tenant-a", KeyAlgorithm.WEBAUTHN_ES256, "fido2"));
        keys.keys.add(RecordingKeys.key("release", "tenant-a", KeyAlgorithm.ECDSA_P256_SHA256, "file"));
        keys.keys.add(RecordingKeys.key("bob-yubikey", "tenant-b", KeyAlgorithm.WEBAUTHN_ES256, "fido2"));
        String html = render("", "tenant-a");
        assertTrue(html.contains("<td>alice-yubikey</td>"), html);
        assertTrue(html.contains("<option value='alice-yubikey'>"), html);
        assertFalse(html.contains("release"), html);
        assertFalse(html.contains("bob-yubikey"), html);
    }

    @Test
    void namesTheTenantEndpointAndPrincipalForTheScript() {
        String html = render("", "tenant-a");
        assertTrue(html.contains("id='attestor-security-keys' data-endpoint='" + ROOT + "' data-tenant='tenant-a'"),
                html);
        assertTrue(html.contains("<code id='sk-principal'>console:admin</code>"), html);
        assertTrue(html.contains("<option value='fido2'>fido2</option>"), html);
    }

    @Test
    void loadsItsScriptFromThePluginAndHasNoInlineScript() {
        String html = render("", "tenant-a");
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertEquals("<script src='" + ROOT + "/res/security-keys.js'>", scripts.group(), html);
            count++;
        }
        assertEquals(1, count, html);
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no inline event handler: " + html);
    }

    @Test
    void asksForATenantWhenTheConsoleIsNotScoped() {
        String html = render("", null);
        assertTrue(html.contains("name='tenant'"), html);
        assertTrue(html.contains("Choose the tenant"), html);
        assertFalse(html.contains("id='attestor-security-keys'"), html);
    }

    @Test
    void actsForTheScopedTenantWhateverTheRequestAsks() {
        String html = render("tenant-a", "tenant-b");
        assertTrue(html.contains("data-tenant='tenant-a'"), html);
        assertFalse(html.contains("name='tenant'"), html);
    }

    @Test
    void refusesATenantParameterThatIsNotATenantNameAndEscapesIt() {
        String html = render("", "<script>x</script>");
        assertFalse(html.contains("<script>x"), html);
        assertFalse(html.contains("data-tenant"), html);
        assertTrue(html.contains("not a tenant name"), html);
    }

    @Test
    void disablesTheCeremoniesWhenNoSecurityKeyDriverRuns() {
        keys.drivers.clear();
        String html = render("", "tenant-a");
        assertTrue(html.contains("id='sk-no-driver'"), html);
        assertTrue(html.contains("id='sk-register-button' disabled"), html);
        assertTrue(html.contains("id='sk-sign-button' disabled"), html);
    }
}
