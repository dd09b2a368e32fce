package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;
import static org.stellaops.attestor.auth.internal.AuthFixture.request;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Principal;

/** RFC 8705 §3: a token with cnf.x5t#S256 is only accepted over a connection with that client certificate. */
class CertificateBoundTokenTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    TestPki.Ca ca;
    TokenFactory tokens;
    X509Certificate cert;

    @BeforeEach
    void setUp() {
        fx = new AuthFixture(dir);
        ca = new TestPki.Ca("CN=Client CA", fx.now());
        tokens = TokenFactory.ec("k1");
        cert = ca.issue(new TestPki.LeafSpec(fx.now())).cert();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private AuthComponent auth(String mode) {
        AuthComponent a = fx.authenticator(Map.of("mtls_mode", mode, "mtls_trustAnchors",
                ca.writePem(dir.resolve("ca.pem")).toString()));
        a.bindIssuer(fx.fileIssuer(tokens, Map.of()));
        return a;
    }

    private String boundTo(X509Certificate c) {
        String x5t = ClientCertificateValidator.thumbprint(c);
        return tokens.token(fx.now(), claims -> claims.putObject("cnf").put("x5t#S256", x5t));
    }

    private static AuthResult send(AuthComponent a, String token, X509Certificate... chain) {
        return a.authenticate(request("Bearer " + token, List.of(), List.of(chain)));
    }

    @Test
    void acceptsTheTokenOverTheCertificateItIsBoundTo() {
        Principal p = principal(send(auth("optional"), boundTo(cert), cert));
        assertEquals(Principal.Method.CERTIFICATE_BOUND_TOKEN, p.method());
        assertEquals(ClientCertificateValidator.thumbprint(cert), p.certificateThumbprint());
    }

    @Test
    void refusesTheTokenOverAnotherCertificate() {
        X509Certificate other = ca.issue(new TestPki.LeafSpec(fx.now())).cert();
        AuthResult.Denied d = denied(send(auth("optional"), boundTo(cert), other), 401,
                AuthCodes.CERTIFICATE_BINDING_MISMATCH);
        assertEquals("Bearer error=\"invalid_token\"", d.headers().get("WWW-Authenticate"));
    }

    @Test
    void refusesTheTokenWithoutACertificate() {
        denied(send(auth("optional"), boundTo(cert)), 401, AuthCodes.CERTIFICATE_BINDING_MISMATCH);
    }

    @Test
    void refusesTheTokenWhenClientCertificatesAreOff() {
        denied(send(auth("off"), boundTo(cert), cert), 401, AuthCodes.CERTIFICATE_BINDING_MISMATCH);
    }
}
