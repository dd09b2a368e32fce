package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Client certificates over real TLS: a server that requires them and one where they are optional. The TLS layer
 * lets every certificate through the handshake, so that the service itself refuses bad ones with a problem code
 * and an audit event, which these tests check, along with the RFC 8705 binding of tokens to certificates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsIT {

    private static final String STATS = "/api/v1/stats";

    private final TestCertificates clients = new TestCertificates("e2e-clients");
    private final TestCertificates strangers = new TestCertificates("strangers");
    private final TestIssuer issuer = new TestIssuer();
    private AttestorProcess required;
    private AttestorProcess optional;

    @BeforeAll
    void startBothModes() {
        required = start("required");
        optional = start("optional");
    }

    private AttestorProcess start(String mode) {
        Path data = AttestorProcess.freshDataDir();
        Path anchors = clients.writeCa(data.resolve("client-ca.pem"));
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.auth.json", Map.of(
                "mtls.trustAnchors", anchors.toString(), "mtls.scopes", List.of("attestor.read"),
                "mtls.tenant", "default"));
        // refusals of unauthenticated callers are operator events, so the test's tenant is the operator
        AttestorProcess.writeConfig(data, "org.stellaops.attestor.http.json", Map.of("authFailuresPerMinute", 100000,
                "operatorTenant", TestHttp.TENANT));
        issuer.configure(data);
        return AttestorProcess.startWith(data, AttestorProcess.freeLoopbackPort(), "-Dattestor.tls.clientAuth=" + mode);
    }

    @AfterAll
    void stop() {
        for (AttestorProcess server : new AttestorProcess[] {required, optional}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    private static RawClient presenting(AttestorProcess server, TestCertificates.Client client) {
        return new RawClient(server.baseUri(), client.tls(server.dataDir().resolve("tls/ca.pem")));
    }

    @Test
    void requiredModeRefusesACallerWithoutCertificateEvenWithAValidToken() {
        RawClient anonymous = RawClient.of(required);
        anonymous.send("GET", STATS).response().assertProblem(401, "auth.client_certificate_required");
        anonymous.send("GET", STATS, "Authorization", TestHttp.authorization(required)).response()
                .assertProblem(401, "auth.client_certificate_required");
    }

    @Test
    void requiredModeRefusesACertificateFromAnUnknownAuthority() {
        presenting(required, strangers.client("mallory")).send("GET", STATS).response()
                .assertProblem(401, "auth.client_certificate_invalid");
    }

    @Test
    void requiredModeRefusesAnExpiredCertificate() {
        presenting(required, clients.expiredClient("late-pipeline")).send("GET", STATS).response()
                .assertProblem(401, "auth.client_certificate_invalid");
    }

    @Test
    void aValidCertificateAloneGrantsExactlyItsMappedScopes() {
        RawClient pipeline = presenting(required, clients.client("pipeline"));
        assertEquals(200, pipeline.send("GET", STATS).response().status());
        pipeline.send("POST", "/api/v1/trust/keys", "{}".getBytes(), "Content-Type", "application/json").response()
                .assertProblem(403, "auth.insufficient_scope");
    }

    @Test
    void optionalModeAcceptsATokenWithoutCertificate() {
        RawClient anonymous = RawClient.of(optional);
        assertEquals(200, anonymous.send("GET", STATS, "Authorization", TestHttp.authorization(optional))
                .response().status());
    }

    @Test
    void optionalModeRefusesABadCertificateEvenWithAValidTokenAndAuditsIt() {
        presenting(optional, strangers.client("mallory")).send("GET", STATS, "Authorization",
                TestHttp.authorization(optional)).response().assertProblem(401, "auth.client_certificate_invalid");
        ApiClient admin = new ApiClient(optional);
        E2eAwait.until("the refused certificate is audited", Duration.ofSeconds(30),
                () -> admin.get("/api/v1/audit?tenant=*&outcome=auth.client_certificate_invalid"),
                r -> r.status() == 200 && r.json().path("events").size() > 0);
    }

    @Test
    void aCertificateBoundTokenWorksOnlyWithItsCertificate() {
        TestCertificates.Client owner = clients.client("owner");
        String token = issuer.sign(issuer.boundToCertificate(owner.thumbprint(), issuer.claims()));
        assertEquals(200, presenting(optional, owner).send("GET", STATS, "Authorization", "Bearer " + token)
                .response().status());
        presenting(optional, clients.client("thief")).send("GET", STATS, "Authorization", "Bearer " + token)
                .response().assertProblem(401, "auth.certificate_binding_mismatch");
        RawClient.of(optional).send("GET", STATS, "Authorization", "Bearer " + token).response()
                .assertProblem(401, "auth.certificate_binding_mismatch");
    }
}
