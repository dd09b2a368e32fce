package org.stellaops.attestor.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.apache.felix.webconsole.servlet.User;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.stellaops.attestor.core.service.AttestationService;
import org.stellaops.attestor.core.service.KeyService;

/**
 * Felix web console page "Attestor → Security keys": the console user registers FIDO2 security keys of a tenant and
 * signs in-toto statements with them, each approved on the authenticator in the browser
 * (docs/fido2-signatures.md, section 8). The page ({@link SecurityKeysPage}) loads {@code security-keys.js} and
 * {@code security-keys.css} from this plugin ({@code GET <root>/res/…}); the script posts to the plugin's own JSON
 * endpoints ({@link CeremonyEndpoints}), which call the key service in-process, so the console's login is all it
 * takes, and refuse every request that is not the page's own ({@link SameOriginGuard}). The tenant is the page's
 * {@code ?tenant=}, or the one {@code console.tenant} scopes the console to ({@link ConsoleConfig}).
 */
@Component(service = Servlet.class, configurationPid = ConsoleConfig.PID, property = {
        ServletConstants.PLUGIN_LABEL + "=" + SecurityKeysPlugin.LABEL,
        ServletConstants.PLUGIN_TITLE + "=Security keys",
        ServletConstants.PLUGIN_CATEGORY + "=Attestor",
        ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + SecurityKeysPlugin.LABEL + SecurityKeysPlugin.STYLES})
public class SecurityKeysPlugin extends AbstractServlet {

    /** The plugin's label: its path below the console. */
    static final String LABEL = "attestor-security-keys";
    /** The style sheet's path below the plugin root (the console links it into the page's head). */
    static final String STYLES = "/res/security-keys.css";
    /** What the plugin serves itself: path below the plugin root, resource beside this class, content type. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            SecurityKeysPage.SCRIPT, new String[] {"security-keys.js", "text/javascript;charset=utf-8"},
            STYLES, new String[] {"security-keys.css", "text/css;charset=utf-8"});

    private static final long serialVersionUID = 1L;

    private final transient KeyService keys;
    private final transient AttestationService audit;
    private final transient Clock clock = Clock.systemUTC();
    private transient volatile ConsoleScope scope;

    /**
     * @param keys the key service that runs the ceremonies
     * @param audit where refused requests are audited
     * @param config the console's tenant scope
     */
    @Activate
    public SecurityKeysPlugin(@Reference KeyService keys, @Reference AttestationService audit, ConsoleConfig config) {
        this(keys, audit, new ConsoleScope(config.console_tenant()));
    }

    SecurityKeysPlugin(KeyService keys, AttestationService audit, ConsoleScope scope) {
        this.keys = keys;
        this.audit = audit;
        this.scope = scope;
    }

    @Modified
    void modified(ConsoleConfig config) {
        scope = new ConsoleScope(config.console_tenant());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] resource = RESOURCES.get(route(request));
        if (resource != null) {
            serve(resource[0], resource[1], response);
        } else {
            super.doGet(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        new CeremonyEndpoints(keys, audit, scope, clock).handle(request, response, route(request), user(request));
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        new SecurityKeysPage(keys).render(response.getWriter(), scope, request.getParameter("tenant"),
                pluginRoot(request), CeremonyEndpoints.principal(user(request)), clock.instant());
    }

    /** @return the path below the plugin's label, e.g. {@code /registrations}; empty for the page itself */
    static String route(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String prefix = "/" + LABEL;
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root instanceof String text ? text : request.getContextPath() + request.getServletPath() + "/" + LABEL;
    }

    /**
     * @return the console user: the servlet's remote user where the HTTP runtime sets it, else the user the web
     *         console's security provider ({@link ConsoleLogin}) admitted, else {@code console}
     */
    static String user(HttpServletRequest request) {
        String user = request.getRemoteUser();
        if (user != null && !user.isBlank()) {
            return user;
        }
        if (request.getAttribute(User.USER_ATTRIBUTE) instanceof User admitted
                && admitted.getUserObject() instanceof String name && !name.isBlank()) {
            return name;
        }
        return "console";
    }

    private static void serve(String name, String contentType, HttpServletResponse response) throws IOException {
        byte[] bytes;
        try (InputStream in = SecurityKeysPlugin.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the bundle lacks its resource " + name);
            }
            bytes = in.readAllBytes();
        }
        response.setStatus(200);
        // nosniff is on for the console: a script runs, and a style sheet applies, only with its own type
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
