package org.stellaops.attestor.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test TLS: a CA that issues server certificates, and a real HTTPS server on loopback (the JDK's HttpsServer) that
 * records every request and answers through a function.
 */
final class TestTls {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTls() {
    }

    /** A test CA. */
    record Ca(X509Certificate certificate, PrivateKey key) {

        static Ca create(String name) throws Exception {
            KeyPair keys = ecKeys();
            X509Certificate certificate = sign(name, keys, name, keys.getPrivate(), true, null);
            return new Ca(certificate, keys.getPrivate());
        }

        /** Writes the CA certificate as PEM. */
        Path writePem(Path file) throws Exception {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
            return file;
        }

        /** An SSL context serving a certificate from this CA for the given subject alternative names. */
        SSLContext serverContext(GeneralName... names) throws Exception {
            KeyPair keys = ecKeys();
            X509Certificate server = sign("CN=test server", keys, certificate.getSubjectX500Principal().getName(), key,
                    false, new GeneralNames(names));
            char[] password = "server".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] {server, certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, RANDOM);
            return context;
        }

        /** For 127.0.0.1 and localhost. */
        SSLContext loopbackServerContext() throws Exception {
            return serverContext(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"));
        }
    }

    /** One request as the server saw it. */
    record Request(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** An answer. */
    record Response(int status, Map<String, String> headers, String body) {
        static Response json(int status, String body) {
            return new Response(status, Map.of(), body);
        }
    }

    /** A real HTTPS server on 127.0.0.1 with an ephemeral port. */
    static final class Server implements AutoCloseable {
        private final HttpsServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final List<Request> requests = new CopyOnWriteArrayList<>();

        Server(SSLContext tls, Function<Request, Response> answer) throws IOException {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", exchange -> handle(exchange, answer));
            server.setExecutor(executor);
            server.start();
        }

        private void handle(HttpExchange exchange, Function<Request, Response> answer) throws IOException {
            try (exchange) {
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                requests.add(request);
                Response response = answer.apply(request);
                byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type",
                        response.status() >= 400 ? "application/problem+json" : "application/json");
                response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        }

        String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        List<Request> requests() {
            return requests;
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            boolean ca, GeneralNames names) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, RANDOM).setBit(0), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
