package org.stellaops.attestor.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test helpers: client-side PKI (a foreign CA and client certificates, valid or expired) and the settings the
 * distribution's launcher would pass.
 */
final class TestPki {

    static final String PASSWORD = "test-keystore-password";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /** Settings as the launcher sets them in generate mode, with the data directory {@code dataDir}. */
    static TlsSettings generateSettings(Path dataDir, String extraNames, String password) {
        Map<String, String> properties = new HashMap<>();
        properties.put(TlsSettings.DATA_DIR, dataDir.toString());
        properties.put(TlsSettings.GENERATE, "true");
        properties.put(TlsSettings.HTTPS_ENABLE, "true");
        properties.put(TlsSettings.KEYSTORE, dataDir.resolve("tls").resolve("server.p12").toString());
        properties.put(TlsSettings.KEYSTORE_TYPE, "PKCS12");
        properties.put(TlsSettings.KEYSTORE_PASSWORD, password);
        properties.put(TlsSettings.SECURE_PORT, "8443");
        if (extraNames != null) {
            properties.put(TlsSettings.SAN, extraNames);
        }
        return TlsSettings.from(properties::get);
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A certificate for {@code subject}'s key, signed by {@code issuerKey}; a CA certificate when {@code ca}. */
    static X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
            Instant notBefore, Instant notAfter, boolean ca) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, RANDOM).setBit(0), Date.from(notBefore), Date.from(notAfter), new X500Name(subject),
                subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    /** Offers the one client certificate whatever the server asks for. */
    private static final class AlwaysOffer extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysOffer(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** A client identity: key plus chain [client certificate, its CA]. */
    record ClientIdentity(PrivateKey key, X509Certificate[] chain) {
    }

    /** A client certificate from a freshly made CA no server knows, valid from {@code from} to {@code until}. */
    static ClientIdentity foreignClient(String subject, Instant from, Instant until) throws Exception {
        KeyPair caKeys = ecKeyPair();
        String caName = "CN=Foreign test CA";
        X509Certificate ca = certificate(caName, caKeys.getPublic(), caName, caKeys.getPrivate(), from, until, true);
        KeyPair clientKeys = ecKeyPair();
        X509Certificate client = certificate(subject, clientKeys.getPublic(), caName, caKeys.getPrivate(), from, until,
                false);
        return new ClientIdentity(clientKeys.getPrivate(), new X509Certificate[] {client, ca});
    }

    /**
     * A client SSL context that trusts exactly {@code ca} and presents {@code identity} (or nothing when null) whatever
     * issuers the server names, as curl and OpenSSL do (the JDK's own key manager would stay silent when the server's
     * certificate request does not name the certificate's issuer).
     */
    static SSLContext clientContext(X509Certificate ca, ClientIdentity identity) throws Exception {
        return clientContext(ca, identity, true);
    }

    /** As {@link #clientContext(X509Certificate, ClientIdentity)}; with the JDK's key manager unless {@code always}. */
    static SSLContext clientContext(X509Certificate ca, ClientIdentity identity, boolean always) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        KeyManager[] keyManagers = null;
        if (identity != null) {
            char[] password = "client".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", identity.key(), password, identity.chain());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            keys.store(out, password);
            KeyStore reloaded = KeyStore.getInstance("PKCS12");
            reloaded.load(new ByteArrayInputStream(out.toByteArray()), password);
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(reloaded, password);
            keyManagers = always
                    ? new KeyManager[] {new AlwaysOffer((X509ExtendedKeyManager) factory.getKeyManagers()[0])}
                    : factory.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers.getTrustManagers(), RANDOM);
        return context;
    }
}
