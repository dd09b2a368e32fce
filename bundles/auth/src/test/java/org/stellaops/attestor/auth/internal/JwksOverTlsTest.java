package org.stellaops.attestor.auth.internal;

import static org.stellaops.attestor.auth.internal.AuthFixture.bearer;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.testing.Osgi;

/** The JWKS endpoint over real TLS, trusted through the issuer's own CA file. */
class JwksOverTlsTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    HttpsServer server;
    TestPki.Ca ca;
    TokenFactory tokens;

    @BeforeEach
    void setUp() throws Exception {
        fx = new AuthFixture(dir);
        tokens = TokenFactory.ec("k1");
        ca = new TestPki.Ca("CN=JWKS Test CA", fx.now());
        TestPki.LeafSpec spec = new TestPki.LeafSpec(fx.now());
        spec.subject = "CN=127.0.0.1";
        spec.eku = new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
        spec.sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        TestPki.Leaf leaf = ca.issue(spec);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.keys().getPrivate(), new char[0], new Certificate[] {leaf.cert(), ca.cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/jwks", ex -> {
            byte[] body = tokens.jwksJson().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        fx.close();
    }

    private AuthComponent trusting(boolean withCaFile) {
        Map<String, Object> c = new HashMap<>(Map.of("issuer", TokenFactory.ISSUER, "audience", TokenFactory.AUDIENCE,
                "jwksUri", "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks"));
        if (withCaFile) {
            c.put("jwksCaFile", ca.writePem(dir.resolve("jwks-ca.pem")).toString());
        }
        TrustedIssuer issuer = IssuerSettings.build(Osgi.config(IssuerConfig.class, c), fx.now());
        AuthComponent auth = fx.authenticator(Map.of());
        auth.bindIssuer(() -> issuer);
        return auth;
    }

    @Test
    void fetchesKeysFromAnEndpointWhoseCaIsConfigured() {
        principal(trusting(true).authenticate(bearer(tokens.token(fx.now()))));
    }

    @Test
    void refusesAnEndpointWhoseCertificateIsNotTrusted() {
        denied(trusting(false).authenticate(bearer(tokens.token(fx.now()))), 401, AuthCodes.ISSUER_UNAVAILABLE);
    }
}
