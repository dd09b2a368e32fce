package org.stellaops.attestor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class PublicWriteLimitTest {

    private static PublicWriteLimit.Config limits(double perSecond, double burst) {
        return new PublicWriteLimit.Config() {
            @Override
            public double writesPerSecond() {
                return perSecond;
            }

            @Override
            public double burst() {
                return burst;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PublicWriteLimit.Config.class;
            }
        };
    }

    /** Stands for the embedded log's Rekor v2 servlet: answers 201 to every write. */
    private static final class Accepting extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(req.getMethod().equals("POST") ? 201 : 200);
        }
    }

    @Test
    void anAddressOverItsRateIsRefusedWith429AndAuditedWhileReadsPass() throws Exception {
        RecordingService core = new RecordingService();
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Accepting()), "/api/v2/log/entries");
        context.addFilter(new FilterHolder(new PublicWriteLimit(core, limits(0.001, 2))), "/api/v2/*",
                EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                    + "/api/v2/log/entries");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            assertEquals(201, http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(201, http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpResponse<String> refused = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode());
            assertTrue(refused.body().contains("\"code\":\"request.rate_limited\""), refused.body());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertEquals(200, http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(List.of("auth.rate_limit POST /api/v2/log/entries request.rate_limited anonymous"),
                    core.securityEvents);
        } finally {
            server.stop();
        }
    }
}
