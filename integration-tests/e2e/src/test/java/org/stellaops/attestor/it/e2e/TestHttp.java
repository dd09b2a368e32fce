package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.stellaops.attestor.auth.Scope;
import org.stellaops.attestor.sdk.crypto.CaTrust;
import org.stellaops.attestor.sdk.jose.DevIssuer;

/**
 * How tests reach a running server the way a user would: over HTTPS trusting exactly the local CA the server
 * generated into its data directory ({@code tls/ca.pem}), with an access token from its development issuer
 * ({@code stella auth token} does the same).
 */
final class TestHttp {

    /** The tenant of every token the tests mint unless a test chooses another. */
    static final String TENANT = "default";
    /** The subject of the tests' tokens. */
    static final String SUBJECT = "e2e-test";
    /** How the service names the tests' principal in audit events and provenance. */
    static final String ACTOR = DevIssuer.ISSUER + "#" + SUBJECT;

    private TestHttp() {
    }

    /** @return an HTTP/1.1 client for the server: trusting its CA when it speaks HTTPS */
    static HttpClient client(AttestorProcess server) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TestSettings.HTTP_TIMEOUT);
        if (server.baseUri().getScheme().equals("https")) {
            builder.sslContext(trusting(server.dataDir().resolve("tls/ca.pem")));
        }
        return builder.build();
    }

    /** @return {@code Bearer <token>} holding every scope for {@link #TENANT}, valid for an hour */
    static String authorization(AttestorProcess server) {
        return authorization(server, TENANT, Scope.values());
    }

    /** @return {@code Bearer <token>} from the server's development issuer with the given tenant and scopes */
    static String authorization(AttestorProcess server, String tenant, Scope... scopes) {
        return authorization(server, tenant, SUBJECT, scopes);
    }

    /**
     * @return {@code Bearer <token>} for another principal ({@code <issuer>#<subject>}) of the tenant: a colleague
     * who approves what the tests' principal authored, say
     */
    static String authorization(AttestorProcess server, String tenant, String subject, Scope... scopes) {
        return "Bearer " + DevIssuer.mintToken(DevIssuer.readKey(server.dataDir()), subject, tenant,
                Arrays.stream(scopes).map(Scope::wire).toList(), Duration.ofHours(1), DevIssuer.DEFAULT_AUDIENCE,
                Instant.now(), null);
    }

    /** @return a TLS context that trusts exactly the CA certificate(s) in the PEM file */
    static SSLContext trusting(Path caPem) {
        return CaTrust.fromPemFile(caPem);
    }

    /** @return a key store holding the CA certificate(s) in the PEM file as trusted entries */
    static KeyStore trustStore(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + n++, ca);
            }
            return trusted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + caPem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + caPem, e);
        }
    }
}
