package org.stellaops.attestor.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.apache.felix.webconsole.servlet.User;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.core.service.KeyService.SignRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.store.Provenance;

/**
 * The plugin in a real servlet container, mounted where the console mounts it, behind a filter that stands in for
 * the console's login (it names the user, as the console does after {@link ConsoleLogin} admitted it).
 */
class SecurityKeysPluginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/system/console/" + SecurityKeysPlugin.LABEL;

    private final RecordingKeys keys = new RecordingKeys().withFido2Driver();
    private final RecordingCore core = new RecordingCore();
    private Server server;
    private String origin;

    /** The HTTP runtime's way: the servlet's remote user. */
    private static final Filter REMOTE_USER = (request, response, chain) -> chain.doFilter(
            new HttpServletRequestWrapper((HttpServletRequest) request) {
                @Override
                public String getRemoteUser() {
                    return "admin";
                }
            }, response);

    /** The web console's way: the user object its security provider returned, as a request attribute. */
    private static final Filter CONSOLE_USER = (request, response, chain) -> {
        request.setAttribute(User.USER_ATTRIBUTE, new User() {
            @Override
            public Object getUserObject() {
                return "operator-alice";
            }

            @Override
            public boolean authorize(String role) {
                return true;
            }
        });
        chain.doFilter(request, response);
    };

    private void start(String configuredTenant) throws Exception {
        start(configuredTenant, REMOTE_USER);
    }

    private void start(String configuredTenant, Filter login) throws Exception {
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(login), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new SecurityKeysPlugin(keys, core, new ConsoleScope(configuredTenant))),
                "/system/console/*");
        server.setHandler(context);
        server.start();
        origin = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> post(String route, String body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + PATH + route))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST exactly as the page's script sends it. */
    private HttpResponse<String> postFromPage(String route, Object body) throws IOException, InterruptedException {
        return post(route, JSON.writeValueAsString(body), pageHeaders());
    }

    private String[] pageHeaders() {
        return new String[] {"Content-Type", "application/json", SameOriginGuard.HEADER, SameOriginGuard.VALUE,
                "Origin", origin, "Sec-Fetch-Site", "same-origin"};
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response).path("code").asText(), response.body());
    }

    private static java.util.Map<String, Object> body(Object... pairs) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void servesItsScriptAsJavaScript() throws Exception {
        start("");
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(origin + PATH + SecurityKeysPage.SCRIPT)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("navigator.credentials.create"), script.body());
        assertTrue(script.body().contains("navigator.credentials.get"), script.body());
    }

    @Test
    void servesItsStyleSheetAsCss() throws Exception {
        start("");
        HttpResponse<String> css = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(origin + PATH + SecurityKeysPlugin.STYLES)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.body().contains("#attestor-security-keys pre"), css.body());
    }

    @Test
    void runsTheCeremonyAsTheUserTheWebConsoleAdmitted() throws Exception {
        start("", CONSOLE_USER);
        HttpResponse<String> answer = postFromPage("/registrations",
                body("tenant", "tenant-a", "driver", "fido2", "name", "yubikey"));
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("console:operator-alice", keys.provenances.get(0).principal());
    }

    @Test
    void startsARegistrationForTheConsoleUserInTheChosenTenant() throws Exception {
        start("");
        HttpResponse<String> answer = postFromPage("/registrations",
                body("tenant", "tenant-a", "driver", "fido2", "name", "yubikey"));
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("reg-1", json(answer).path("ceremonyId").asText());
        assertEquals(JSON.readTree(RecordingKeys.REGISTRATION_OPTIONS), json(answer).path("options"));
        assertEquals(List.of("startRegistration fido2 yubikey"), keys.calls);
        Provenance who = keys.provenances.get(0);
        assertEquals("console:admin", who.principal());
        assertEquals("tenant-a", who.tenant());
        assertEquals("console POST " + PATH + "/registrations", who.api());
    }

    @Test
    void finishesARegistrationWithTheBrowsersCredentialAsSent() throws Exception {
        start("");
        JsonNode credential = JSON.readTree("{\"type\":\"public-key\",\"id\":\"pGEW\",\"rawId\":\"pGEW\","
                + "\"response\":{\"clientDataJSON\":\"eyJ0\",\"attestationObject\":\"o2Nm\"},"
                + "\"clientExtensionResults\":{}}");
        HttpResponse<String> answer = postFromPage("/registrations/reg-1",
                body("tenant", "tenant-a", "driver", "fido2", "credential", credential));
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("yubikey", json(answer).path("name").asText());
        assertEquals("WEBAUTHN_ES256", json(answer).path("algorithm").asText());
        assertEquals("active", json(answer).path("state").asText());
        assertEquals(List.of("finishRegistration fido2 reg-1 " + JSON.writeValueAsString(credential)), keys.calls);
    }

    @Test
    void signsTheCanonicalFormOfThePastedStatement() throws Exception {
        start("");
        String pasted = "{ \"predicateType\": \"https://example.com/demo/v1\",\n  \"_type\": "
                + "\"https://in-toto.io/Statement/v1\", \"subject\": [], \"predicate\": {\"n\": 1.0} }";
        HttpResponse<String> answer = postFromPage("/signatures",
                body("tenant", "tenant-a", "key", "yubikey", "statement", pasted, "submit", true));
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("sig-1", json(answer).path("ceremonyId").asText());
        SignRequest sent = keys.signRequests.get(0);
        assertEquals("yubikey", sent.key());
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, sent.payloadType());
        assertTrue(sent.submit());
        assertArrayEquals(Jcs.canonicalize(JSON.readTree(pasted)), sent.payload());
        assertEquals("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"n\":1},\"predicateType\":"
                + "\"https://example.com/demo/v1\",\"subject\":[]}",
                new String(sent.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void finishesASignatureWithTheEnvelope() throws Exception {
        start("");
        postFromPage("/signatures", body("tenant", "tenant-a", "key", "yubikey", "statement", "{\"a\":1}"));
        HttpResponse<String> answer = postFromPage("/signatures/sig-1",
                body("tenant", "tenant-a", "credential", JSON.readTree("{\"type\":\"public-key\"}")));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode signed = json(answer);
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, signed.path("envelope").path("payloadType").asText());
        assertEquals(signed.path("keyId").asText(), signed.path("envelope").path("signatures").path(0)
                .path("keyid").asText());
        assertTrue(signed.path("submission").isNull(), answer.body());
        assertEquals("finishSigning sig-1 {\"type\":\"public-key\"}", keys.calls.get(1));
    }

    @Test
    void answersARefusalOfTheKeyServiceWithItsCodeAndStatus() throws Exception {
        start("");
        keys.refusal = new AttestorException("key.invalid_input", "no open ceremony reg-9 of this principal");
        HttpResponse<String> answer = postFromPage("/registrations/reg-9",
                body("tenant", "tenant-a", "driver", "fido2", "credential", JSON.createObjectNode()));
        assertRefused(answer, 400, "key.invalid_input");
        assertEquals("no open ceremony reg-9 of this principal", json(answer).path("detail").asText());
        keys.refusal = new AttestorException("key.name_conflict", "a key named 'yubikey' exists");
        assertRefused(postFromPage("/registrations", body("tenant", "tenant-a", "driver", "fido2", "name",
                "yubikey")), 409, "key.name_conflict");
    }

    @Test
    void refusesAPostWithoutTheConsoleHeaderAndAuditsIt() throws Exception {
        start("");
        HttpResponse<String> answer = post("/registrations", "{\"tenant\":\"tenant-a\",\"driver\":\"fido2\","
                + "\"name\":\"k\"}", "Content-Type", "application/json", "Origin", origin);
        assertRefused(answer, 403, CeremonyEndpoints.CROSS_ORIGIN);
        assertEquals(List.of(), keys.calls);
        assertEquals(List.of(CeremonyEndpoints.ACTION + " POST " + PATH + "/registrations "
                + CeremonyEndpoints.CROSS_ORIGIN), core.securityEvents);
        assertEquals("console:admin", core.provenances.get(0).principal());
        assertEquals("", core.provenances.get(0).tenant(), "an unscoped console's events are the operator's");
    }

    @Test
    void refusesAPostFromAnotherOrigin() throws Exception {
        start("");
        HttpResponse<String> answer = post("/signatures", "{}", "Content-Type", "application/json",
                SameOriginGuard.HEADER, SameOriginGuard.VALUE, "Origin", "http://evil.example");
        assertRefused(answer, 403, CeremonyEndpoints.CROSS_ORIGIN);
        assertTrue(json(answer).path("detail").asText().contains("http://evil.example"), answer.body());
        assertEquals(List.of(), keys.calls);
        assertEquals(1, core.securityEvents.size());
    }

    @Test
    void refusesAPostWithoutOriginOrMarkedCrossSiteOrNotJson() throws Exception {
        start("");
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(post("/registrations", "{}", "Content-Type", "application/json",
                SameOriginGuard.HEADER, SameOriginGuard.VALUE));
        answers.add(post("/registrations", "{}", "Content-Type", "application/json",
                SameOriginGuard.HEADER, SameOriginGuard.VALUE, "Origin", origin, "Sec-Fetch-Site", "cross-site"));
        answers.add(post("/registrations", "{}", "Content-Type", "text/plain",
                SameOriginGuard.HEADER, SameOriginGuard.VALUE, "Origin", origin));
        for (HttpResponse<String> answer : answers) {
            assertRefused(answer, 403, CeremonyEndpoints.CROSS_ORIGIN);
        }
        assertEquals(List.of(), keys.calls);
        assertEquals(3, core.securityEvents.size());
    }

    @Test
    void refusesACeremonyWithoutATenantWhenTheConsoleIsNotScoped() throws Exception {
        start("");
        HttpResponse<String> answer = postFromPage("/registrations", body("driver", "fido2", "name", "yubikey"));
        assertRefused(answer, 400, "request.invalid");
        assertEquals(List.of(), keys.calls);
    }

    @Test
    void actsForTheScopedTenantWhateverTheBodyNames() throws Exception {
        start("tenant-a");
        HttpResponse<String> answer = postFromPage("/registrations",
                body("tenant", "tenant-b", "driver", "fido2", "name", "yubikey"));
        assertEquals(201, answer.statusCode(), answer.body());
        assertEquals("tenant-a", keys.provenances.get(0).tenant());
    }

    @Test
    void refusesUnknownMembersAndStatementsThatAreNotJsonObjects() throws Exception {
        start("");
        assertRefused(postFromPage("/registrations", body("tenant", "tenant-a", "driver", "fido2", "name", "k",
                "shared", true)), 400, "request.malformed");
        assertRefused(postFromPage("/signatures", body("tenant", "tenant-a", "key", "k", "statement", "[1]")), 400,
                "request.malformed");
        assertRefused(postFromPage("/signatures", body("tenant", "tenant-a", "key", "k", "statement", "{\"a\":")),
                400, "json.malformed");
        assertRefused(postFromPage("/signatures", body("tenant", "tenant-a", "key", "k", "statement",
                "{\"a\":1,\"a\":2}")), 400, "json.duplicate_member");
        assertEquals(List.of(), keys.calls);
    }

    @Test
    void answersNotFoundForAnUnknownOperation() throws Exception {
        start("");
        assertRefused(postFromPage("/keys", body("tenant", "tenant-a")), 404, "request.not_found");
        assertRefused(postFromPage("/signatures/a/b", body("tenant", "tenant-a")), 404, "request.not_found");
    }
}
