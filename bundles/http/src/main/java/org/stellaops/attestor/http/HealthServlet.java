package org.stellaops.attestor.http;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.stellaops.attestor.core.service.AttestationService;

/**
 * {@code GET /health}: 200 with {"status":"UP",…} when the core and a primary log are available, else 503. Public,
 * so it counts nothing that belongs to a tenant (the entry count is in {@code GET /api/v1/stats}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference
    private transient AttestationService service;

    /** For Declarative Services, which injects the reference. */
    public HealthServlet() {
    }

    /** For a servlet container outside OSGi (tests). */
    HealthServlet(AttestationService service) {
        this.service = service;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AttestationService.Health health = service.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.ok() ? "UP" : "DOWN");
        body.put("logs", health.logs());
        body.put("predicateTypes", health.predicateTypes());
        new HttpExchange(req, resp, "/health", null).json(health.ok() ? 200 : 503, body);
    }
}
