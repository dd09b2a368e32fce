package org.stellaops.attestor.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Security headers on every response of the HTTP runtime, the API, the logs' tiles, the witness and the Felix web
 * console alike: a Preprocessor runs before any servlet or filter of any context. The console is an HTML
 * application that frames nothing foreign, so it gets the same policy minus the API's blanket {@code default-src
 * 'none'}, which would break its scripts.
 */
@Component(service = Preprocessor.class)
public class SecurityHeaders implements Preprocessor {

    static final String CONSOLE_PREFIX = "/system/console";
    static final String HSTS = "max-age=31536000";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp) {
            apply(req, resp);
        }
        chain.doFilter(request, response);
    }

    /** Sets the headers for one request. */
    static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        String path = request.getRequestURI();
        if (path != null && path.startsWith(CONSOLE_PREFIX)) {
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'self'; object-src 'none'; base-uri 'self'");
        } else {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            response.setHeader("Cache-Control", "no-store");
        }
    }
}
