package org.stellaops.attestor.sdk.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.AttestorException;

class CaTrustTest {

    @TempDir
    Path dir;

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        return selfSigned(name, ecKey());
    }

    /** A self-signed CA certificate that also names 127.0.0.1, so it can serve as its own server certificate. */
    private static X509Certificate selfSigned(String name, KeyPair key) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name),
                BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + name), key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private Path pemFile(X509Certificate... certificates) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate c : certificates) {
                pem.writeObject(c);
            }
        }
        return Files.writeString(dir.resolve("ca.pem"), text.toString());
    }

    @Test
    void readsEveryCertificateOfAPemFileInOrder() throws Exception {
        X509Certificate first = selfSigned("first");
        X509Certificate second = selfSigned("second");
        assertEquals(List.of(first, second),
                CaTrust.certificates(Files.readAllBytes(pemFile(first, second)), "ca.pem"));
    }

    @Test
    void connectsToAServerWhoseCertificateTheFileHoldsAndToNoOther() throws Exception {
        KeyPair serverKey = ecKey();
        X509Certificate serverCert = selfSigned("localhost", serverKey);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(serverKey, serverCert)));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
            HttpClient trusting = HttpClient.newBuilder().sslContext(CaTrust.fromPemFile(pemFile(serverCert)))
                    .build();
            assertEquals(204, trusting.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpClient other = HttpClient.newBuilder()
                    .sslContext(CaTrust.fromPemFile(pemFile(selfSigned("another", ecKey())))).build();
            assertThrows(SSLHandshakeException.class, () -> other.send(request,
                    HttpResponse.BodyHandlers.discarding()));
        } finally {
            server.stop(0);
        }
    }

    private static SSLContext serverContext(KeyPair key, X509Certificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void refusesAFileWithoutCertificates() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "no certificate here\n");
        AttestorException e = assertThrows(AttestorException.class, () -> CaTrust.fromPemFile(empty));
        assertEquals(CaTrust.BAD_CA_FILE, e.code());
    }

    @Test
    void refusesAMissingFile() {
        AttestorException e = assertThrows(AttestorException.class,
                () -> CaTrust.fromPemFile(dir.resolve("missing.pem")));
        assertEquals(CaTrust.BAD_CA_FILE, e.code());
    }

    @Test
    void refusesAMalformedCertificate() {
        byte[] broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        AttestorException e = assertThrows(AttestorException.class, () -> CaTrust.certificates(broken, "broken"));
        assertEquals(CaTrust.BAD_CA_FILE, e.code());
    }
}
