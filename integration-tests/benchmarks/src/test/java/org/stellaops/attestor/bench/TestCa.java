package org.stellaops.attestor.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A throwaway certificate authority for the HTTPS tests, like the Attestor's local CA: EC P-256 keys from the JDK,
 * certificate structures from BouncyCastle's ASN.1 classes, ECDSA-SHA256 signatures from the JDK.
 */
final class TestCa {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmIdentifier ECDSA_SHA256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final char[] STORE_PASSWORD = "test".toCharArray();

    private final KeyPair key;
    private final X500Name name;
    private final X509Certificate certificate;

    private TestCa(KeyPair key, X500Name name, X509Certificate certificate) {
        this.key = key;
        this.name = name;
        this.certificate = certificate;
    }

    /**
     * @param commonName the CA's CN
     * @return a new self-signed CA (basicConstraints CA:true, keyCertSign)
     */
    static TestCa create(String commonName) throws GeneralSecurityException, IOException {
        KeyPair pair = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestCa(pair, name, sign(name, name, pair.getPublic(), extensions, pair.getPrivate()));
    }

    /** @return the CA certificate */
    X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the CA certificate as PEM.
     *
     * @param file the target, its parent directories are created
     * @return the file
     */
    Path writePem(Path file) throws GeneralSecurityException, IOException {
        return writePem(file, certificate);
    }

    /**
     * Writes certificates as PEM, one after the other.
     *
     * @param file the target, its parent directories are created
     * @param certificates the certificates
     * @return the file
     */
    static Path writePem(Path file, X509Certificate... certificates) throws GeneralSecurityException, IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : certificates) {
            text.append(pem(c));
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * Issues a server certificate and returns the server side's TLS context presenting it (with this CA behind).
     *
     * @param sans subject alternative names: IP literals become IP names, anything else DNS names
     * @return the server's context
     */
    SSLContext serverContext(String... sans) throws GeneralSecurityException, IOException {
        KeyPair pair = newKeyPair();
        X509Certificate leaf = serverCertificate(pair.getPublic(), sans);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {leaf, certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return tls;
    }

    /**
     * @param subjectKey the server's public key
     * @param sans subject alternative names: IP literals become IP names, anything else DNS names
     * @return a server (end-entity) certificate issued by this CA
     */
    X509Certificate serverCertificate(PublicKey subjectKey, String... sans) throws GeneralSecurityException,
            IOException {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            boolean ip = sans[i].matches("[0-9.]+") || sans[i].contains(":");
            names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, sans[i]);
        }
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return sign(name, new X500Name("CN=test server"), subjectKey, extensions, key.getPrivate());
    }

    /** @return a fresh EC P-256 key pair */
    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /**
     * @param certificate a certificate
     * @return its PEM text
     */
    static String pem(X509Certificate certificate) throws GeneralSecurityException {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, PublicKey subjectKey,
            ExtensionsGenerator extensions, PrivateKey issuerKey) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, RANDOM).setBit(0)));
        tbs.setIssuer(issuer);
        tbs.setSubject(subject);
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofMinutes(5)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(1)))));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
        tbs.setSignature(ECDSA_SHA256);
        tbs.setExtensions(extensions.generate());
        TBSCertificate toBeSigned = tbs.generateTBSCertificate();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(toBeSigned.getEncoded(ASN1Encoding.DER));
        DERSequence der = new DERSequence(new ASN1Encodable[] {toBeSigned, ECDSA_SHA256,
            new DERBitString(signer.sign())});
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der.getEncoded(ASN1Encoding.DER)));
    }
}
