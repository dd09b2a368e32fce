package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Felix web console is an admin tool: no default admin/admin, a random password generated at first start and
 * printed exactly once, and the console behind TLS with the same security headers as the API.
 */
class ConsoleAdminIT {

    private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");
    private static final String CONSOLE = "/system/console/bundles";

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theConsoleTakesOnlyThePasswordPrintedOnceAtFirstStart() {
        Path data = AttestorProcess.freshDataDir();
        int port = AttestorProcess.freeLoopbackPort();
        String password;
        // refused console logins are operator events, so the test's tenant is the operator
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json",
                java.util.Map.of("operatorTenant", TestHttp.TENANT));
        try (AttestorProcess first = AttestorProcess.startWith(data, port)) {
            Matcher printed = PASSWORD.matcher(first.output());
            assertTrue(printed.find(), "no console password in the first start's output");
            password = printed.group(1);
            RawClient console = RawClient.of(first);
            assertEquals(401, console.send("GET", CONSOLE).response().status());
            assertEquals(401, console.send("GET", CONSOLE, "Authorization", basic("admin", "admin")).response()
                    .status());
            RawClient.Answer admitted = console.send("GET", CONSOLE, "Authorization", basic("admin", password));
            assertEquals(200, admitted.response().status());
            assertEquals("SAMEORIGIN", admitted.header("X-Frame-Options"));
            ApiResponse audit = E2eAwait.until("the refused console login is audited", Duration.ofSeconds(30),
                    () -> new ApiClient(first).get("/api/v1/audit?tenant=*&action=console.authenticate"),
                    r -> r.status() == 200 && r.json().path("events").size() > 0);
            assertEquals("auth.console_denied", audit.json().path("events").path(0).path("outcome").asText());
            assertFalse(audit.body().contains("admin:admin") || audit.body().contains(password), audit::describe);
        }
        try (AttestorProcess second = AttestorProcess.startWith(data, port)) {
            assertFalse(second.output().contains(password), "the password was printed again");
            assertEquals(200, RawClient.of(second).send("GET", CONSOLE, "Authorization", basic("admin", password))
                    .response().status());
        }
    }
}
