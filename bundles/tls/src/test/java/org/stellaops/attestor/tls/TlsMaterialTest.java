package org.stellaops.attestor.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path data;

    private TlsMaterial.Outcome ensure(String extraNames, String password, Instant now) {
        return new TlsMaterial(TestPki.generateSettings(data, extraNames, password), new SecureRandom()).ensure(now);
    }

    private Path tls(String name) {
        return data.resolve("tls").resolve(name);
    }

    private X509Certificate ca() throws Exception {
        return Pem.parseCertificate(Files.readAllBytes(tls("ca.pem")));
    }

    private X509Certificate server(String password) throws Exception {
        KeyStore store = KeyStores.load(tls("server.p12"), "PKCS12", password.toCharArray());
        return (X509Certificate) store.getCertificate(KeyStores.ALIAS);
    }

    @Test
    void createsACaCertificateForTenYearsThatCanOnlyIssueServerCertificates() throws Exception {
        TlsMaterial.Outcome outcome = ensure(null, TestPki.PASSWORD, NOW);
        X509Certificate ca = ca();
        assertTrue(outcome.caCreated());
        assertTrue(ca.getSubjectX500Principal().getName().matches("CN=StellaOps Attestor local CA [0-9a-f]{8},O=StellaOps"),
                ca.getSubjectX500Principal().getName());
        assertEquals(0, ca.getBasicConstraints());
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = ca.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "no digitalSignature");
        assertEquals(Date.from(NOW.plus(Duration.ofDays(3650))), ca.getNotAfter());
        assertEquals("EC", ca.getPublicKey().getAlgorithm());
        assertTrue(Certificates.matches(Pem.parseEcPrivateKey(Files.readAllBytes(tls("ca-key.pem"))), ca.getPublicKey()));
    }

    @Test
    void issuesAServerCertificateForOneYearWithLoopbackAndConfiguredNames() throws Exception {
        ensure("attestor.example.com, 10.1.2.3,[fd00::7]", TestPki.PASSWORD, NOW);
        X509Certificate server = server(TestPki.PASSWORD);
        assertEquals(Set.of("DNS:localhost", "DNS:attestor.example.com", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1",
                "IP:10.1.2.3", "IP:fd00:0:0:0:0:0:0:7"), SubjectAltNames.of(server).entries());
        assertEquals(Date.from(NOW.plus(Duration.ofDays(365))), server.getNotAfter());
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertTrue(server.getKeyUsage()[0], "digitalSignature");
        assertEquals(-1, server.getBasicConstraints());
        assertEquals("EC", server.getPublicKey().getAlgorithm());
    }

    @Test
    void linksTheServerCertificateToTheCaByKeyIdentifiersAndAValidPath() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        X509Certificate ca = ca();
        X509Certificate server = server(TestPki.PASSWORD);
        byte[] caSki = SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets())
                .getKeyIdentifier();
        byte[] aki = AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(server.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                        .getOctets()).getKeyIdentifierOctets();
        assertArrayEquals(caSki, aki);
        assertTrue(server.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW.plus(Duration.ofDays(1))));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
    }

    @Test
    void keepsFilesOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        ensure(null, TestPki.PASSWORD, NOW);
        assertEquals(TlsFiles.OWNER_DIR, Files.getPosixFilePermissions(data.resolve("tls")));
        for (String name : List.of("ca.pem", "ca-key.pem", "server.p12", ".lock")) {
            assertEquals(TlsFiles.OWNER_FILE, Files.getPosixFilePermissions(tls(name)), name);
        }
    }

    @Test
    void changesNothingWhenEverythingIsCurrent() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        byte[] ca = Files.readAllBytes(tls("ca.pem"));
        byte[] caKey = Files.readAllBytes(tls("ca-key.pem"));
        byte[] keystore = Files.readAllBytes(tls("server.p12"));
        TlsMaterial.Outcome second = ensure(null, TestPki.PASSWORD, NOW.plus(Duration.ofDays(100)));
        assertFalse(second.caCreated());
        assertFalse(second.serverIssued());
        assertArrayEquals(ca, Files.readAllBytes(tls("ca.pem")));
        assertArrayEquals(caKey, Files.readAllBytes(tls("ca-key.pem")));
        assertArrayEquals(keystore, Files.readAllBytes(tls("server.p12")));
    }

    @Test
    void renewsTheServerCertificateThirtyDaysBeforeItExpiresAndKeepsTheCa() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        byte[] ca = Files.readAllBytes(tls("ca.pem"));
        X509Certificate before = server(TestPki.PASSWORD);
        Instant later = NOW.plus(Duration.ofDays(340));
        TlsMaterial.Outcome outcome = ensure(null, TestPki.PASSWORD, later);
        assertTrue(outcome.serverIssued());
        assertFalse(outcome.caCreated());
        assertTrue(outcome.reason().contains("expires"), outcome.reason());
        assertArrayEquals(ca, Files.readAllBytes(tls("ca.pem")));
        X509Certificate after = server(TestPki.PASSWORD);
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber());
        assertEquals(Date.from(later.plus(Duration.ofDays(365))), after.getNotAfter());
        after.verify(ca().getPublicKey());
    }

    @Test
    void reissuesTheServerCertificateWhenTheWantedNamesChange() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        TlsMaterial.Outcome outcome = ensure("api.internal", TestPki.PASSWORD, NOW);
        assertTrue(outcome.serverIssued());
        assertFalse(outcome.caCreated());
        assertTrue(SubjectAltNames.of(server(TestPki.PASSWORD)).entries().contains("DNS:api.internal"));
    }

    @Test
    void reissuesTheKeyStoreWhenItCannotBeOpenedWithThePassword() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        TlsMaterial.Outcome outcome = ensure(null, "a-new-password", NOW);
        assertTrue(outcome.serverIssued());
        assertFalse(outcome.caCreated());
        assertTrue(outcome.reason().contains("password"), outcome.reason());
        server("a-new-password").verify(ca().getPublicKey());
    }

    @Test
    void replacesACaWhoseKeyNoLongerMatchesAndReissuesTheServerCertificate() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        X509Certificate oldCa = ca();
        // the state a crash between the renames of a CA replacement leaves behind: a new key beside the old ca.pem
        Files.write(tls("ca-key.pem"), Pem.privateKey(TestPki.ecKeyPair().getPrivate()));
        TlsMaterial.Outcome outcome = ensure(null, TestPki.PASSWORD, NOW);
        assertTrue(outcome.caCreated());
        assertTrue(outcome.serverIssued());
        assertNotEquals(oldCa, ca());
        server(TestPki.PASSWORD).verify(ca().getPublicKey());
    }

    @Test
    void reissuesAServerCertificateThatTheCurrentCaDidNotIssue() throws Exception {
        ensure(null, TestPki.PASSWORD, NOW);
        byte[] ca = Files.readAllBytes(tls("ca.pem"));
        byte[] caKey = Files.readAllBytes(tls("ca-key.pem"));
        Files.delete(tls("ca.pem"));
        ensure(null, TestPki.PASSWORD, NOW);
        byte[] foreignKeystore = Files.readAllBytes(tls("server.p12"));
        Files.write(tls("ca.pem"), ca);
        Files.write(tls("ca-key.pem"), caKey);
        Files.write(tls("server.p12"), foreignKeystore);
        TlsMaterial.Outcome outcome = ensure(null, TestPki.PASSWORD, NOW);
        assertFalse(outcome.caCreated());
        assertTrue(outcome.reason().contains("not issued by the current local CA"), outcome.reason());
        server(TestPki.PASSWORD).verify(ca().getPublicKey());
    }

    @Test
    void concurrentStartsCreateOneCaAndOneKeyStore() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<TlsMaterial.Outcome> start = () -> {
                go.await();
                return ensure(null, TestPki.PASSWORD, NOW);
            };
            Future<TlsMaterial.Outcome> first = pool.submit(start);
            Future<TlsMaterial.Outcome> second = pool.submit(start);
            go.countDown();
            TlsMaterial.Outcome a = first.get(60, TimeUnit.SECONDS);
            TlsMaterial.Outcome b = second.get(60, TimeUnit.SECONDS);
            assertTrue(a.caCreated() ^ b.caCreated(), "exactly one start creates the CA");
            assertEquals(a.serverCertificate(), b.serverCertificate());
            server(TestPki.PASSWORD).verify(ca().getPublicKey());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removesTemporaryFilesACrashLeftBehind() throws Exception {
        Files.createDirectories(data.resolve("tls"));
        Path debris = tls(TlsFiles.TEMP_PREFIX + "123" + TlsFiles.TEMP_SUFFIX);
        Files.write(debris, new byte[] {1, 2, 3});
        ensure(null, TestPki.PASSWORD, NOW);
        assertFalse(Files.exists(debris));
        try (var files = Files.list(data.resolve("tls"))) {
            assertEquals(Set.of(".lock", "ca.pem", "ca-key.pem", "server.p12"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
    }

    @Test
    void refusesAMalformedNameBeforeWritingAnything() {
        TlsException failure = assertThrows(TlsException.class, () -> ensure("bad_name!", TestPki.PASSWORD, NOW));
        assertEquals(TlsException.BAD_CONFIGURATION, failure.code());
        assertFalse(Files.exists(data.resolve("tls")));
    }

    @Test
    void refusesToGenerateWithoutAKeyStorePassword() {
        TlsException failure = assertThrows(TlsException.class, () -> ensure(null, "", NOW));
        assertEquals(TlsException.BAD_CONFIGURATION, failure.code());
    }
}
