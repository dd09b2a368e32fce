package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;
import static org.stellaops.attestor.auth.internal.AuthFixture.request;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.auth.Principal;
import org.stellaops.attestor.auth.Scope;

class ClientCertificateTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    TestPki.Ca ca;
    Path anchors;
    TokenFactory tokens;

    @BeforeEach
    void setUp() {
        fx = new AuthFixture(dir);
        ca = new TestPki.Ca("CN=Attestor Test Client CA,O=acme", fx.now());
        anchors = ca.writePem(dir.resolve("client-ca.pem"));
        tokens = TokenFactory.ec("k1");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Map<String, Object> mtls(String mode, Object... more) {
        Map<String, Object> c = new HashMap<>(Map.of("mtls_mode", mode, "mtls_trustAnchors", anchors.toString(),
                "mtls_tenant", "acme", "mtls_scopes", new String[] {"attestor.verify", "attestor.read", "nonsense"}));
        for (int i = 0; i < more.length; i += 2) {
            c.put((String) more[i], more[i + 1]);
        }
        return c;
    }

    private AuthComponent auth(Map<String, Object> config) {
        AuthComponent a = fx.authenticator(config);
        a.bindIssuer(fx.fileIssuer(tokens, Map.of()));
        return a;
    }

    private X509Certificate valid() {
        return ca.issue(new TestPki.LeafSpec(fx.now())).cert();
    }

    private static AuthResult withCert(AuthComponent a, X509Certificate... chain) {
        return a.authenticate(request(null, List.of(), List.of(chain)));
    }

    @Test
    void authenticatesAValidCertificateAloneWithTheConfiguredScopesAndTenant() {
        X509Certificate cert = valid();
        Principal p = principal(withCert(auth(mtls("optional")), cert));
        assertEquals(Principal.Method.CLIENT_CERTIFICATE, p.method());
        assertEquals("CN=build-agent,OU=ci,O=acme", p.subject());
        assertEquals(CertificateMapping.ISSUER, p.issuer());
        assertEquals("acme", p.tenant());
        assertEquals(Set.of(Scope.VERIFY, Scope.READ), p.scopes());
        assertEquals(ClientCertificateValidator.thumbprint(cert), p.certificateThumbprint());
    }

    @Test
    void acceptsAChainThatEndsWithTheTrustedRoot() {
        principal(withCert(auth(mtls("required")), valid(), ca.cert));
    }

    @Test
    void readsTheTenantFromASubjectAttribute() {
        AuthComponent a = auth(mtls("optional", "mtls_tenant", "", "mtls_tenantAttribute", "OU"));
        assertEquals("ci", principal(withCert(a, valid())).tenant());
    }

    @Test
    void refusesACertificateMappedToSomethingThatIsNoTenantName() {
        AuthComponent a = auth(mtls("optional", "mtls_tenant", "build agents"));
        denied(withCert(a, valid()), 403, AuthCodes.TENANT_MISSING);
    }

    @Test
    void refusesACertificateOnlyCallerWithoutTenantAsForbidden() {
        AuthComponent a = auth(mtls("optional", "mtls_tenant", ""));
        denied(withCert(a, valid()), 403, AuthCodes.TENANT_MISSING);
    }

    @Test
    void requiresACertificateInRequiredMode() {
        AuthResult.Denied d = denied(auth(mtls("required")).authenticate(request("Bearer " + tokens.token(fx.now()),
                List.of(), List.of())), 401, AuthCodes.CLIENT_CERTIFICATE_REQUIRED);
        assertEquals("Bearer, DPoP algs=\"ES256 ES384 ES512 RS256 PS256 EdDSA\"", d.headers().get("WWW-Authenticate"));
    }

    @Test
    void takesTheModeFromTheTlsLayerWhenNotConfigured() {
        Map<String, Object> c = mtls("");
        AuthComponent a = fx.authenticator(c, Map.of(AuthComponent.CLIENT_AUTH_PROPERTY, "required"));
        denied(a.authenticate(request(null, List.of(), List.of())), 401, AuthCodes.CLIENT_CERTIFICATE_REQUIRED);
    }

    @Test
    void ignoresCertificatesWhenOff() {
        AuthComponent a = auth(mtls("off"));
        denied(withCert(a, valid()), 401, AuthCodes.MISSING);
        assertNull(principal(a.authenticate(request("Bearer " + tokens.token(fx.now()), List.of(),
                List.of(valid())))).certificateThumbprint());
    }

    @Test
    void refusesAnExpiredCertificate() {
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.notBefore = fx.now().minus(Duration.ofDays(10));
        spec.notAfter = fx.now().minus(Duration.ofDays(1));
        denied(withCert(auth(mtls("optional")), ca.issue(spec).cert()), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesACertificateOfAnUntrustedCa() {
        TestPki.Ca rogue = new TestPki.Ca("CN=Attestor Test Client CA,O=acme", fx.now());
        denied(withCert(auth(mtls("optional")), rogue.issue(new TestPki.LeafSpec(fx.now())).cert()), 401,
                AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesACertificateWithoutClientAuthUsage() {
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.eku = new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
        denied(withCert(auth(mtls("optional")), ca.issue(spec).cert()), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void acceptsACertificateWithoutExtendedKeyUsage() {
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.eku = null;
        principal(withCert(auth(mtls("optional")), ca.issue(spec).cert()));
    }

    @Test
    void refusesACertificateWhoseKeyUsageLacksDigitalSignature() {
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.keyUsage = KeyUsage.keyEncipherment;
        denied(withCert(auth(mtls("optional")), ca.issue(spec).cert()), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesTheCertificateAuthorityItself() {
        denied(withCert(auth(mtls("optional")), ca.cert), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesAValidCertificateWhoseSubjectIsNotAllowed() {
        AuthComponent a = auth(mtls("optional", "mtls_allowedSubjects", new String[] {"CN=deployer,OU=cd,O=acme"}));
        denied(withCert(a, valid()), 403, AuthCodes.CLIENT_CERTIFICATE_NOT_ALLOWED);
    }

    @Test
    void acceptsASubjectMatchingTheAllowList() {
        AuthComponent a = auth(mtls("optional", "mtls_allowedSubjects", new String[] {"CN=[a-z-]+,OU=ci,O=acme"}));
        principal(withCert(a, valid()));
    }

    @Test
    void admitsCertificatesByTheirSubjectAlternativeNames() {
        AuthComponent a = auth(mtls("optional", "mtls_allowedSans",
                new String[] {"spiffe://acme\\.example/ci/.*"}));
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://acme.example/ci/agent-7"));
        principal(withCert(a, ca.issue(spec).cert()));
        denied(withCert(a, valid()), 403, AuthCodes.CLIENT_CERTIFICATE_NOT_ALLOWED);
    }

    @Test
    void refusesEveryCertificateWithoutTrustAnchors() {
        Map<String, Object> c = mtls("optional");
        c.put("mtls_trustAnchors", "");
        denied(withCert(auth(c), valid()), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesARevokedCertificateWhenCrlsAreConfigured() {
        X509Certificate revoked = valid();
        Path crl = TestPki.writePem(dir.resolve("ca.crl"), List.of(ca.revoke(fx.now(), revoked)));
        AuthComponent a = auth(mtls("optional", "mtls_crlFiles", new String[] {crl.toString()}));
        denied(withCert(a, revoked), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
        principal(withCert(a, valid()));
    }

    @Test
    void usesTheTokenPrincipalAndRecordsTheCertificateWhenBothArePresented() {
        X509Certificate cert = valid();
        Principal p = principal(auth(mtls("optional")).authenticate(request("Bearer " + tokens.token(fx.now()),
                List.of(), List.of(cert))));
        assertEquals("alice", p.subject());
        assertEquals(Principal.Method.BEARER, p.method());
        assertEquals(ClientCertificateValidator.thumbprint(cert), p.certificateThumbprint());
    }

    @Test
    void refusesAnInvalidCertificateEvenWithAValidToken() {
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.notAfter = fx.now().minusSeconds(1);
        spec.notBefore = fx.now().minus(Duration.ofDays(2));
        denied(auth(mtls("optional")).authenticate(request("Bearer " + tokens.token(fx.now()), List.of(),
                List.of(ca.issue(spec).cert()))), 401, AuthCodes.CLIENT_CERTIFICATE_INVALID);
    }

    @Test
    void refusesAnUnknownMode() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> auth(mtls("sometimes")));
    }
}
