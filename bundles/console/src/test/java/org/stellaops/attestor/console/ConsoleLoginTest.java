package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.testing.MutableClock;

/** The login in front of a real servlet container, as the web console calls it before every page. */
class ConsoleLoginTest {

    private static final String PASSWORD = "correct horse battery staple";

    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private Server server;
    private URI page;

    private static String hash(String password) throws Exception {
        return "{sha-256}" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeEach
    void start() throws Exception {
        start(login(hash(PASSWORD), new LoginThrottle(clock, 3)));
    }

    private ConsoleLogin login(String storedHash, LoginThrottle throttle) {
        return new ConsoleLogin((target, who, address, outcome) -> refused.add(target + " " + who
                + (ConsoleLogin.DENIED.equals(outcome) ? "" : " " + outcome)), "admin", storedHash, throttle);
    }

    private void start(ConsoleLogin login) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                Object user = login.authenticate(req, resp);
                if (user != null && login.authorize(user, "any")) {
                    resp.setStatus(200);
                    resp.getWriter().write("welcome " + user);
                }
            }
        }), "/system/console/*");
        server.setHandler(context);
        server.start();
        page = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + "/system/console/bundles");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(page).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void admitsTheAdminWithThePasswordWhoseHashTheLauncherStored() throws Exception {
        HttpResponse<String> answer = get("admin", PASSWORD);
        assertEquals(200, answer.statusCode());
        assertEquals("welcome admin", answer.body());
        assertEquals(List.of(), refused);
    }

    @Test
    void refusesAWrongPasswordAndAuditsTheAttemptWithoutThePassword() throws Exception {
        HttpResponse<String> answer = get("admin", "admin");
        assertEquals(401, answer.statusCode());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="));
        assertEquals(List.of("GET /system/console/bundles admin"), refused);
    }

    @Test
    void asksForCredentialsWithoutAuditingABareVisit() throws Exception {
        assertEquals(401, get(null, null).statusCode());
        assertEquals(List.of(), refused);
    }

    @Test
    void admitsNobodyWhenNoPasswordHashIsConfigured() throws Exception {
        stop();
        start(login(null, new LoginThrottle(clock, 0)));
        assertEquals(401, get("admin", "").statusCode());
        assertEquals(401, get("admin", PASSWORD).statusCode());
    }

    @Test
    void auditsRefusalsAsEventsOfTheGivenTenant() throws Exception {
        RecordingCore core = new RecordingCore();
        ConsoleLogin.refusalsTo(core, "").refused("GET /system/console", "mallory", "192.0.2.1",
                ConsoleLogin.DENIED);
        ConsoleLogin.refusalsTo(core, "tenant-a").refused("GET /system/console", "mallory", "192.0.2.1",
                ConsoleLogin.DENIED);
        assertEquals(List.of("", "tenant-a"), core.provenances.stream().map(p -> p.tenant()).toList());
        assertEquals("console:mallory", core.provenances.get(0).principal());
    }

    @Test
    void refusesAnAddressUncheckedForTheRestOfTheMinuteOnceItUsedUpItsFailedLogins() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, get("admin", "guess-" + i).statusCode());
        }
        HttpResponse<String> throttled = get("admin", PASSWORD);
        assertEquals(429, throttled.statusCode(), "even the right password waits");
        assertEquals("60", throttled.headers().firstValue("Retry-After").orElse(""));
        assertEquals(List.of("GET /system/console/bundles admin", "GET /system/console/bundles admin",
                "GET /system/console/bundles admin", "GET /system/console/bundles admin auth.console_throttled"),
                refused, "three refusals and one throttling event, nothing for the throttled request");
    }

    @Test
    void admitsTheAdminAgainOnceTheMinuteIsOver() throws Exception {
        for (int i = 0; i < 3; i++) {
            get("admin", "guess-" + i);
        }
        clock.advance(LoginThrottle.WINDOW);
        assertEquals(200, get("admin", PASSWORD).statusCode());
    }

    @Test
    void ignoresAMalformedAuthorizationHeader() {
        assertEquals(null, ConsoleLogin.basic("Basic !!!"));
        assertEquals(null, ConsoleLogin.basic("Bearer abc"));
        assertEquals(null, ConsoleLogin.basic("Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes())));
    }
}
