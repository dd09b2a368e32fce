package org.stellaops.attestor.console;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyState;
import org.stellaops.attestor.core.service.KeyService;
import org.stellaops.attestor.core.service.KeyService.DriverStatus;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The content of "Attestor → Security keys": the tenant's FIDO2 security keys, a form to register one and a form to
 * sign an in-toto statement with one. The markup holds no script: {@code security-keys.js}, served by the plugin,
 * runs the WebAuthn ceremonies against {@link CeremonyEndpoints}. It finds its endpoint, tenant and the elements by
 * the ids and {@code data-} attributes written here. Every value that comes from a tenant, a key or the request is
 * HTML-escaped.
 */
final class SecurityKeysPage {

    /** The script's path below the plugin root. */
    static final String SCRIPT = "/res/security-keys.js";

    private final KeyService keys;

    SecurityKeysPage(KeyService keys) {
        this.keys = keys;
    }

    /**
     * @param out where the HTML goes
     * @param scope what the console is configured to show
     * @param requested the page's {@code tenant} parameter, or null
     * @param pluginRoot the plugin's path ({@code /system/console/attestor-security-keys}): the form and endpoint base
     * @param principal the console user's principal, which owns the ceremonies
     * @param now the time key states are shown at
     */
    void render(PrintWriter out, ConsoleScope scope, String requested, String pluginRoot, String principal,
                Instant now) {
        ConsoleScope.Selection selection = scope.select(requested);
        if (selection.filter()) {
            out.println(tenantForm(pluginRoot, requested));
        }
        if (selection.error() != null) {
            out.println("<p class='statline ui-state-error'>" + Rows.esc(selection.error()) + "</p>");
            return;
        }
        String tenant = selection.tenant();
        if (tenant == null) {
            out.println("<p class='statline'>Choose the tenant whose security keys to manage: a security key belongs "
                    + "to one tenant and signs that tenant's attestations.</p>");
            return;
        }
        List<String> drivers = keys.drivers().stream().filter(DriverStatus::ceremonies).map(DriverStatus::name)
                .sorted().toList();
        List<TrustedKey> securityKeys = keys.keys(tenant).stream()
                .filter(k -> k.tenant().equals(tenant) && k.algorithm() == KeyAlgorithm.WEBAUTHN_ES256).toList();
        out.println("<div id='attestor-security-keys' data-endpoint='" + Rows.esc(pluginRoot) + "' data-tenant='"
                + Rows.esc(tenant) + "'>");
        out.println("<p class='statline'>Security keys of tenant " + Rows.esc(tenant) + ". Ceremonies run as "
                + "<code id='sk-principal'>" + Rows.esc(principal) + "</code>: only this console user can sign with "
                + "a key registered here.</p>");
        boolean usable = !drivers.isEmpty();
        if (!usable) {
            out.println("<p class='statline ui-state-error' id='sk-no-driver'>No security-key driver is running "
                    + "(bundle keys-fido2): keys can be neither registered nor used.</p>");
        }
        out.println(registerForm(drivers, usable));
        out.println(keyTable(securityKeys, now));
        out.println(signForm(securityKeys, now, usable));
        out.println("<p id='sk-status' class='statline' role='status' aria-live='polite' data-state='idle' "
                + "data-seq='0'></p>");
        out.println("<h3>DSSE envelope</h3><pre id='sk-envelope'></pre>");
        out.println("<h3>Transparency log entry</h3><pre id='sk-log-entry'></pre>");
        out.println("</div>");
        out.println("<script src='" + Rows.esc(pluginRoot + SCRIPT) + "'></script>");
    }

    private static String tenantForm(String pluginRoot, String requested) {
        return "<form method='get' action='" + Rows.esc(pluginRoot) + "' class='statline'><label>Tenant <input "
                + "type='text' name='tenant' maxlength='128' required value='" + Rows.esc(requested == null ? ""
                : requested) + "'></label> <button type='submit'>Open</button></form>";
    }

    private static String registerForm(List<String> drivers, boolean usable) {
        StringBuilder options = new StringBuilder();
        drivers.forEach(d -> options.append("<option value='").append(Rows.esc(d)).append("'>").append(Rows.esc(d))
                .append("</option>"));
        return "<h2>Register a security key</h2><form id='sk-register' class='statline'>"
                + "<label>Key name <input type='text' id='sk-name' name='name' required maxlength='64' "
                + "pattern='[A-Za-z0-9._\\-]{1,64}' autocomplete='off'></label> "
                + "<label>Driver <select id='sk-driver'>" + options + "</select></label> "
                + "<button type='submit' id='sk-register-button'" + (usable ? "" : " disabled")
                + ">Register security key</button></form>";
    }

    private static String keyTable(List<TrustedKey> securityKeys, Instant now) {
        StringBuilder rows = new StringBuilder();
        for (TrustedKey k : securityKeys) {
            rows.append("<tr><td>").append(Rows.esc(k.name())).append("</td><td>").append(k.version())
                    .append("</td><td><code>").append(Rows.esc(k.keyId())).append("</code></td><td>")
                    .append(Rows.esc(k.state(now).name().toLowerCase(Locale.ROOT))).append("</td><td>")
                    .append(Rows.esc(k.createdAt().toString())).append("</td></tr>");
        }
        return "<h2>Security keys</h2><table id='sk-keys' class='tablesorter nicetable'><thead><tr><th>Name</th>"
                + "<th>Version</th><th>Key id</th><th>State</th><th>Registered</th></tr></thead><tbody>" + rows
                + "</tbody></table>";
    }

    private static String signForm(List<TrustedKey> securityKeys, Instant now, boolean usable) {
        StringBuilder options = new StringBuilder();
        securityKeys.stream().filter(k -> k.state(now) == KeyState.ACTIVE).map(TrustedKey::name).distinct()
                .forEach(n -> options.append("<option value='").append(Rows.esc(n)).append("'>").append(Rows.esc(n))
                        .append("</option>"));
        return "<h2>Sign an in-toto statement</h2><form id='sk-sign'>"
                + "<p class='statline'><label>Key <select id='sk-key' required>" + options + "</select></label> "
                + "<label><input type='checkbox' id='sk-submit' checked> Submit the envelope to the transparency "
                + "log</label></p>"
                + "<p><textarea id='sk-statement' rows='14' cols='100' required spellcheck='false' "
                + "placeholder='{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[…],"
                + "\"predicateType\":\"…\",\"predicate\":{…}}'></textarea></p>"
                + "<p><button type='submit' id='sk-sign-button'" + (usable ? "" : " disabled")
                + ">Sign with security key</button></p></form>";
    }
}
