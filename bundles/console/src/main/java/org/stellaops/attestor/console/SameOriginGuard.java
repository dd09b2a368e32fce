package org.stellaops.attestor.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Cross-site request forgery defence of the console's state-changing endpoints. The browser sends the console's
 * Basic credentials with every request to its origin, including a form post or a fetch that another site makes it
 * send; so a POST is taken only when it (1) carries {@link #HEADER} (a cross-origin page cannot add a custom header
 * without a CORS preflight, which the console never grants), (2) is JSON (no HTML form can send that type),
 * (3) has an {@code Origin} equal to the console's own scheme and host, and (4) is not marked as cross-site by Fetch
 * Metadata ({@code Sec-Fetch-Site}) where the browser sends it.
 */
final class SameOriginGuard {

    /** The header the page's script sends with every POST. */
    static final String HEADER = "X-Attestor-Console";
    /** Its value. */
    static final String VALUE = "security-keys";

    private SameOriginGuard() {
    }

    /**
     * @param request a POST to the console
     * @return why the request is refused, or null when it comes from the console's own page
     */
    static String refusal(HttpServletRequest request) {
        if (!VALUE.equals(request.getHeader(HEADER))) {
            return "no " + HEADER + " header: only the console's own page may post here";
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "Content-Type is not application/json";
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return "the browser marks the request as " + site + " (Sec-Fetch-Site)";
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return "no Origin header";
        }
        String own = ownOrigin(request);
        if (!origin.equalsIgnoreCase(own)) {
            return "Origin " + truncate(origin) + " is not the console's origin " + truncate(own);
        }
        return null;
    }

    /** @return {@code scheme://host[:port]} as the browser addressed the console (its Host header) */
    static String ownOrigin(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isEmpty()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme().toLowerCase(Locale.ROOT) + "://" + host;
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
