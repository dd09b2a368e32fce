package org.stellaops.attestor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook against a real Jetty 12.0.32 server assembled the way Felix HTTP's JettyService does (server started
 * first, then an HTTPS ServerConnector with an SslContextFactory.Server configured from framework properties, then
 * ConnectorFactory services), with real TLS connections on loopback.
 */
class ClientCertificateHookTest {

    private static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    @TempDir
    Path data;

    private Server server;
    private ServerConnector https;
    private X509Certificate ca;
    private final Instant now = Instant.now();

    @BeforeEach
    void generateMaterial() throws Exception {
        TlsMaterial.Outcome outcome = new TlsMaterial(TestPki.generateSettings(data, null, TestPki.PASSWORD),
                new SecureRandom()).ensure(now);
        ca = Pem.parseCertificate(Files.readAllBytes(outcome.caFile()));
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void acceptsAConnectionWithoutClientCertificate() throws Exception {
        startFelixLikeServer("wants", true);
        assertEquals("no client certificate", exchange(TestPki.clientContext(ca, null)));
    }

    @Test
    void letsAClientCertificateFromAnUnknownCaThroughToTheServlet() throws Exception {
        startFelixLikeServer("wants", true);
        TestPki.ClientIdentity client = TestPki.foreignClient("CN=unknown-ca client", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        assertEquals("2 CN=unknown-ca client", exchange(TestPki.clientContext(ca, client)));
    }

    @Test
    void namesNoAcceptableIssuersSoAJdkClientOffersItsCertificate() throws Exception {
        startFelixLikeServer("wants", true);
        TestPki.ClientIdentity client = TestPki.foreignClient("CN=jdk client", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        assertEquals("2 CN=jdk client", exchange(TestPki.clientContext(ca, client, false)));
    }

    @Test
    void letsAnExpiredClientCertificateThroughToTheServlet() throws Exception {
        startFelixLikeServer("wants", true);
        TestPki.ClientIdentity client = TestPki.foreignClient("CN=expired client", now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(30)));
        assertEquals("2 CN=expired client", exchange(TestPki.clientContext(ca, client)));
    }

    @Test
    void withoutTheHookJettyRefusesAClientCertificateFromAnUnknownCa() throws Exception {
        startFelixLikeServer("wants", false);
        TestPki.ClientIdentity client = TestPki.foreignClient("CN=unknown-ca client", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        SSLContext context = TestPki.clientContext(ca, client);
        IOException failure = assertThrows(IOException.class, () -> exchange(context));
        assertTrue(failure instanceof SSLException || failure instanceof SocketException,
                failure.toString());
    }

    @Test
    void keepsNeedClientAuthSoAConnectionWithoutCertificateIsRefused() throws Exception {
        startFelixLikeServer("needs", true);
        SSLContext context = TestPki.clientContext(ca, null);
        assertThrows(IOException.class, () -> exchange(context));
    }

    @Test
    void keepsTheConfiguredProtocolsAndCipherSuites() throws Exception {
        startFelixLikeServer("wants", true);
        SslContextFactory.Server factory = ClientCertificateHook.tlsFactories(server).get(0);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(factory.getSelectedProtocols()));
        assertTrue(SUITES.containsAll(List.of(factory.getSelectedCipherSuites())));
        assertTrue(factory.getWantClientAuth());
    }

    @Test
    void returnsAServerConnectorThatOpensNoPortAndReportsTheTlsEndpoint() throws Exception {
        startFelixLikeServer("wants", true);
        Connector[] connectors = server.getConnectors();
        assertEquals(2, connectors.length);
        ServerConnector placeholder = assertInstanceOf(ServerConnector.class, connectors[1]);
        assertTrue(placeholder.isStarted());
        assertFalse(placeholder.isOpen());
        assertTrue(placeholder.getLocalPort() <= 0);
        // what Felix's JettyService.getEndpoint reads from every connector
        assertEquals(https.getHost(), placeholder.getHost());
        assertEquals(https.getPort(), placeholder.getPort());
        assertTrue(placeholder.getDefaultProtocol().startsWith("SSL"));
    }

    @Test
    void canBeAppliedAgainWhenTheHookServiceComesBack() throws Exception {
        startFelixLikeServer("wants", true);
        Connector second = new ClientCertificateHook(TestPki.PASSWORD.toCharArray()).createConnector(server);
        server.addConnector(second);
        second.start();
        TestPki.ClientIdentity client = TestPki.foreignClient("CN=again", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        assertEquals("2 CN=again", exchange(TestPki.clientContext(ca, client)));
    }

    @Test
    void placeholderStopsWithTheServerAndLeavesHttpsServing() throws Exception {
        startFelixLikeServer("wants", true);
        Connector placeholder = server.getConnectors()[1];
        // what Felix's ConnectorFactoryTracker does when the hook service goes away
        placeholder.stop();
        server.removeConnector(placeholder);
        assertEquals("no client certificate", exchange(TestPki.clientContext(ca, null)));
        server.stop();
        assertTrue(server.isStopped());
    }

    @Test
    void refusesAWrongKeyPasswordWithACode() throws Exception {
        startFelixLikeServer("wants", false);
        ClientCertificateHook hook = new ClientCertificateHook("not-the-password".toCharArray());
        TlsException failure = assertThrows(TlsException.class, () -> hook.createConnector(server));
        assertEquals(TlsException.HOOK_FAILED, failure.code());
    }

    @Test
    void findsNoTlsConnectorOnAPlainHttpServer() throws Exception {
        server = new Server();
        ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory());
        plain.setHost("127.0.0.1");
        server.addConnector(plain);
        server.start();
        assertTrue(ClientCertificateHook.tlsFactories(server).isEmpty());
        assertFalse(server.getConnectors().length == 0);
    }

    /** JettyService.initializeJetty + initializeHttps + ConnectorFactoryTracker, in that order. */
    private void startFelixLikeServer(String clientCertificate, boolean withHook) throws Exception {
        server = new Server();
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(new ContextHandlerCollection(context));
        server.start();

        HttpConnectionFactory http = new HttpConnectionFactory();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePath(data.resolve("tls").resolve("server.p12").toString());
        ssl.setKeyStorePassword(TestPki.PASSWORD);
        if ("wants".equals(clientCertificate)) {
            ssl.setWantClientAuth(true);
        } else if ("needs".equals(clientCertificate)) {
            ssl.setNeedClientAuth(true);
        }
        ssl.setIncludeCipherSuites(SUITES.toArray(String[]::new));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setRenegotiationAllowed(false);
        https = new ServerConnector(server, -1, -1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.toString()), http);
        http.getHttpConfiguration().addCustomizer(new SecureRequestCustomizer());
        https.setPort(0);
        https.setHost("127.0.0.1");
        server.addConnector(https);
        https.start();

        if (withHook) {
            Connector tracked = new ClientCertificateHook(TestPki.PASSWORD.toCharArray()).createConnector(server);
            server.addConnector(tracked);
            tracked.start();
        }
    }

    /** One HTTP/1.1 request over a fresh TLS connection that verifies the server as 127.0.0.1. */
    private String exchange(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", https.getLocalPort())) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(("GET /whoami HTTP/1.1\r\nHost: 127.0.0.1:" + https.getLocalPort()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 200")) {
                // not an IOException: the refusal tests must only pass on a failed TLS exchange
                throw new AssertionError("unexpected response: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Reports the client certificate chain the servlet layer sees. */
    private static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
            response.setContentType("text/plain");
            response.getWriter().print(chain == null ? "no client certificate"
                    : chain.length + " " + chain[0].getSubjectX500Principal().getName());
        }
    }
}
