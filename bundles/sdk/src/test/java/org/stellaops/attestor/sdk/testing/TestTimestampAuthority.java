package org.stellaops.attestor.sdk.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.stellaops.attestor.sdk.timestamp.TimestampAuthority;

/**
 * A real RFC 3161 time-stamping authority for tests: a generated root CA, an intermediate CA and a TSA signing
 * certificate (EC P-256), tokens made by BouncyCastle's {@link TimeStampTokenGenerator} at any {@code genTime} the
 * test asks for. Tokens carry the signing certificate and the intermediate (unless asked not to); the root is the
 * trust anchor. Shared with the unit tests of other modules through the sdk's test-jar.
 */
public final class TestTimestampAuthority {

    /** The TSA policy OID of every token (an arbitrary private-arc value). */
    public static final String POLICY = "1.3.6.1.4.1.57264.99.1";
    /** Default start of every certificate's validity. */
    public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    /** Default end of every certificate's validity. */
    public static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(1);
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final X509Certificate signer;
    private final PrivateKey signerKey;
    private final boolean timeStampingUsage;

    private TestTimestampAuthority(X509Certificate root, X509Certificate intermediate, X509Certificate signer,
                                   PrivateKey signerKey, boolean timeStampingUsage) {
        this.root = root;
        this.intermediate = intermediate;
        this.signer = signer;
        this.signerKey = signerKey;
        this.timeStampingUsage = timeStampingUsage;
    }

    /**
     * @param name names the certificates ({@code CN=<name> Root}, {@code … Intermediate}, {@code … TSA})
     * @return an authority whose certificates are valid from {@link #NOT_BEFORE} to {@link #NOT_AFTER}
     */
    public static TestTimestampAuthority create(String name) {
        return create(name, NOT_BEFORE, NOT_AFTER, true);
    }

    /**
     * @param name names the certificates
     * @param signerNotBefore start of the TSA certificate's validity (the CAs keep the default window)
     * @param signerNotAfter end of the TSA certificate's validity
     * @param timeStampingUsage false: the TSA certificate has no extended key usage at all (a certificate that must
     *                          not be accepted as a time-stamping authority's)
     * @return the authority
     */
    public static TestTimestampAuthority create(String name, Instant signerNotBefore, Instant signerNotAfter,
                                                boolean timeStampingUsage) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair intermediateKey = ecKey();
            KeyPair signerKey = ecKey();
            X509Certificate root = ca(name + " Root", rootKey.getPublic(), name + " Root", rootKey.getPrivate());
            X509Certificate intermediate = ca(name + " Intermediate", intermediateKey.getPublic(), name + " Root",
                    rootKey.getPrivate());
            X509Certificate signer = tsa(name + " TSA", signerKey.getPublic(), name + " Intermediate",
                    intermediateKey.getPrivate(), signerNotBefore, signerNotAfter, timeStampingUsage);
            return new TestTimestampAuthority(root, intermediate, signer, signerKey.getPrivate(), timeStampingUsage);
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test TSA: " + e.getMessage(), e);
        }
    }

    /** @return the root CA certificate: the trust anchor */
    public X509Certificate root() {
        return root;
    }

    /** @return the intermediate CA certificate */
    public X509Certificate intermediate() {
        return intermediate;
    }

    /** @return the TSA's signing certificate */
    public X509Certificate signer() {
        return signer;
    }

    /** @return the root certificate as PEM text (what an operator configures as the authority's anchor) */
    public String rootPem() {
        return pem(List.of(root));
    }

    /**
     * @param name the authority's name
     * @return the authority anchored at the root only
     */
    public TimestampAuthority authority(String name) {
        return new TimestampAuthority(name, List.of(root));
    }

    /**
     * @param name the authority's name
     * @return the authority with its whole chain, signing certificate first (the Sigstore trusted-root shape)
     */
    public TimestampAuthority chainAuthority(String name) {
        return new TimestampAuthority(name, List.of(signer, intermediate, root));
    }

    /**
     * @param data the bytes to timestamp
     * @param genTime the token's time
     * @return a DER TimeStampToken over the SHA-256 of {@code data}, carrying the TSA and intermediate certificates
     */
    public byte[] token(byte[] data, Instant genTime) {
        return token(data, genTime, NISTObjectIdentifiers.id_sha256, true);
    }

    /**
     * @param data the bytes to timestamp
     * @param genTime the token's time
     * @param hash the message imprint's hash algorithm (any; SHA-1 makes a token verifiers must refuse)
     * @param withCertificates whether the token carries the TSA and intermediate certificates
     * @return a DER TimeStampToken
     */
    public byte[] token(byte[] data, Instant genTime, ASN1ObjectIdentifier hash, boolean withCertificates) {
        try {
            byte[] imprint = MessageDigest.getInstance(hash.getId(), BC).digest(data);
            return timeStampingUsage ? generated(imprint, hash, genTime, withCertificates)
                    : rawToken(imprint, hash, genTime).getEncoded();
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cms.CMSException | org.bouncycastle.tsp.TSPException e) {
            throw new IllegalStateException("cannot make a test token: " + e.getMessage(), e);
        }
    }

    /**
     * @param data the bytes to timestamp
     * @param genTime the token's time
     * @return a DER TimeStampResp with status granted around {@link #token(byte[], Instant)}
     */
    public byte[] response(byte[] data, Instant genTime) {
        try {
            CMSSignedData token = new CMSSignedData(token(data, genTime));
            return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), token.toASN1Structure())
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException | org.bouncycastle.cms.CMSException e) {
            throw new IllegalStateException("cannot make a test response: " + e.getMessage(), e);
        }
    }

    /** @return a DER TimeStampResp with status rejection and no token */
    public static byte[] rejection() {
        try {
            return new TimeStampResp(new PKIStatusInfo(PKIStatus.rejection), null).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param token a token made by this class
     * @param genTime its genTime (whole seconds)
     * @return the token with genTime one second later, signature unchanged (so it no longer verifies)
     */
    public static byte[] withAlteredGenTime(byte[] token, Instant genTime) {
        byte[] needle = GENERALIZED.format(genTime).getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = GENERALIZED.format(genTime.plusSeconds(1)).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= token.length; i++) {
            if (java.util.Arrays.equals(token, i, i + needle.length, needle, 0, needle.length)) {
                byte[] altered = token.clone();
                System.arraycopy(replacement, 0, altered, i, replacement.length);
                return altered;
            }
        }
        throw new IllegalArgumentException("genTime " + genTime + " is not in the token");
    }

    /** @return the token with its last byte (the end of the TSA's signature value) changed */
    public static byte[] withAlteredSignature(byte[] token) {
        byte[] altered = token.clone();
        altered[altered.length - 1] ^= 0x01;
        return altered;
    }

    /**
     * @param certificates certificates
     * @return them as PEM text
     */
    public static String pem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private byte[] generated(byte[] imprint, ASN1ObjectIdentifier hash, Instant genTime, boolean withCertificates)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException,
            org.bouncycastle.tsp.TSPException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests).build(contentSigner(), signer);
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo,
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(POLICY));
        // millisecond genTimes, so a test can place a token between two events a few milliseconds apart
        generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
        generator.addCertificates(new JcaCertStore(List.of(signer, intermediate)));
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(withCertificates);
        TimeStampRequest request = requests.generate(hash, imprint);
        TimeStampToken token = generator.generate(request, BigInteger.valueOf(SERIALS.getAndIncrement()),
                Date.from(genTime));
        return token.getEncoded();
    }

    /**
     * BouncyCastle's generator refuses a signing certificate without the time-stamping usage, so the token of such a
     * certificate is assembled here from its parts, exactly as the generator would.
     */
    private CMSSignedData rawToken(byte[] imprint, ASN1ObjectIdentifier hash, Instant genTime)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException,
            org.bouncycastle.cms.CMSException {
        TSTInfo info = new TSTInfo(new ASN1ObjectIdentifier(POLICY), new MessageImprint(new AlgorithmIdentifier(hash),
                imprint), new ASN1Integer(SERIALS.getAndIncrement()), new ASN1GeneralizedTime(Date.from(genTime)),
                null, null, null, null, null);
        ESSCertIDv2 certId = new ESSCertIDv2(MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()));
        Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(certId)));

        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(
                        // the CMS signing time defaults to now; a token's must agree with its genTime
                        new AttributeTable(signingCertificate).add(CMSAttributes.signingTime,
                                new Time(Date.from(genTime)))))
                .build(contentSigner(), signer);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(signerInfo);
        generator.addCertificates(new JcaCertStore(List.of(signer, intermediate)));
        return generator.generate(new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo,
                info.getEncoded(ASN1Encoding.DER)), true);
    }

    private ContentSigner contentSigner() throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signerKey);
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate ca(String subject, PublicKey key, String issuer, PrivateKey issuerKey)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        JcaX509v3CertificateBuilder builder = builder(subject, key, issuer, NOT_BEFORE, NOT_AFTER);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(builder, issuerKey);
    }

    private static X509Certificate tsa(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
                                       Instant notBefore, Instant notAfter, boolean timeStampingUsage)
            throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
        JcaX509v3CertificateBuilder builder = builder(subject, key, issuer, notBefore, notAfter);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (timeStampingUsage) {
            builder.addExtension(Extension.extendedKeyUsage, true,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
        return sign(builder, issuerKey);
    }

    private static JcaX509v3CertificateBuilder builder(String subject, PublicKey key, String issuer,
                                                       Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer), BigInteger.valueOf(
                SERIALS.getAndIncrement()), Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + subject),
                key);
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuerKey)));
    }
}
