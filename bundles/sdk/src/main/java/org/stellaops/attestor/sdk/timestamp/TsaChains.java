package org.stellaops.attestor.sdk.timestamp;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The signer side of token verification: which certificate signed, whether it is a time-stamping certificate, and
 * which configured authority it chains to. Paths are built with the platform's PKIX implementation at the token's
 * time, without revocation checking (a TSA's certificate status at the token's time is not knowable offline).
 */
final class TsaChains {

    private TsaChains() {
    }

    /** @return the certificates the token carries */
    static List<X509Certificate> certificates(TimeStampToken token) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try {
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                certificates.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new TimestampException(TimestampCodes.MALFORMED, "the token carries a certificate that cannot be "
                    + "read: " + e.getMessage(), e);
        }
        return certificates;
    }

    /**
     * @return the certificate the token's signer identifier names: from the token, else from an authority
     * @throws TimestampException {@value TimestampCodes#UNTRUSTED} when neither holds it
     */
    static X509Certificate signer(TimeStampToken token, List<X509Certificate> carried,
                                  Collection<TimestampAuthority> authorities) {
        SignerId id = token.getSID();
        for (X509Certificate certificate : carried) {
            if (named(id, certificate)) {
                return certificate;
            }
        }
        for (TimestampAuthority authority : authorities) {
            for (X509Certificate certificate : authority.certificates()) {
                if (named(id, certificate)) {
                    return certificate;
                }
            }
        }
        throw new TimestampException(TimestampCodes.UNTRUSTED, "the token carries no signer certificate and no "
                + "configured timestamp authority holds it");
    }

    private static boolean named(SignerId id, X509Certificate certificate) {
        try {
            return id.match(new JcaX509CertificateHolder(certificate));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
        }
    }

    /**
     * RFC 3161 section 2.3: the signer's certificate has exactly one extended key usage, id-kp-timeStamping, in a
     * critical extension; and it was valid when the token was made.
     *
     * @throws TimestampException {@value TimestampCodes#UNTRUSTED} otherwise
     */
    static void requireTimeStampingCertificate(X509Certificate signer, Instant genTime) {
        String subject = signer.getSubjectX500Principal().getName();
        byte[] eku = signer.getExtensionValue(Extension.extendedKeyUsage.getId());
        Set<String> critical = signer.getCriticalExtensionOIDs();
        if (eku == null || critical == null || !critical.contains(Extension.extendedKeyUsage.getId())) {
            throw untrusted("signer certificate " + subject + " has no critical extended key usage extension");
        }
        KeyPurposeId[] usages;
        try {
            usages = ExtendedKeyUsage.fromExtensions(new JcaX509CertificateHolder(signer).getExtensions())
                    .getUsages();
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            throw untrusted("signer certificate " + subject + " has an unreadable extended key usage extension");
        }
        if (usages.length != 1 || !KeyPurposeId.id_kp_timeStamping.equals(usages[0])) {
            throw untrusted("signer certificate " + subject + " is not for time stamping only (extended key "
                    + "usage must be id-kp-timeStamping alone)");
        }
        try {
            signer.checkValidity(Date.from(genTime));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw untrusted("signer certificate " + subject + " was not valid at the token's time " + genTime
                    + " (valid " + signer.getNotBefore().toInstant() + " to " + signer.getNotAfter().toInstant()
                    + ")");
        }
    }

    /**
     * @return the name of the first authority whose certificates anchor a PKIX path to {@code signer} at
     *         {@code genTime} (or hold the signer certificate itself)
     * @throws TimestampException {@value TimestampCodes#UNTRUSTED} when there is none
     */
    static String authorityOf(X509Certificate signer, List<X509Certificate> carried,
                              Collection<TimestampAuthority> authorities, Instant genTime) {
        List<String> refusals = new ArrayList<>();
        for (TimestampAuthority authority : authorities) {
            String refusal = refusal(signer, carried, authority.certificates(), genTime);
            if (refusal == null) {
                return authority.name();
            }
            refusals.add(authority.name() + ": " + refusal);
        }
        throw untrusted("unknown authority: signer certificate " + signer.getSubjectX500Principal().getName()
                + " (issued by " + signer.getIssuerX500Principal().getName() + ") chains to no configured "
                + "timestamp authority at " + genTime + (refusals.isEmpty() ? " (none is configured)"
                : " " + refusals));
    }

    /** @return null when a path from {@code signer} to one of {@code anchors} is valid at genTime, else why not */
    private static String refusal(X509Certificate signer, List<X509Certificate> carried,
                                  List<X509Certificate> anchors, Instant genTime) {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            if (sameCertificate(anchor, signer)) {
                return null;
            }
            trustAnchors.add(new TrustAnchor(anchor, null));
        }
        List<X509Certificate> pool = new ArrayList<>(carried);
        pool.addAll(anchors);
        pool.add(signer);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(genTime));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return null;
        } catch (CertPathBuilderException notAnchored) {
            return String.valueOf(notAnchored.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform cannot build PKIX paths: " + e.getMessage(), e);
        }
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded again", e);
        }
    }

    private static TimestampException untrusted(String message) {
        return new TimestampException(TimestampCodes.UNTRUSTED, message);
    }
}
