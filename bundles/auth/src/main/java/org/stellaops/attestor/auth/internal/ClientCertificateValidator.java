package org.stellaops.attestor.auth.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.stellaops.attestor.sdk.jose.Base64Url;

/**
 * Validates TLS client certificates. The TLS layer accepts any certificate at the handshake; this class decides:
 * PKIX path validation to the configured trust anchors at the current time (CRLs when configured, nothing fetched
 * from the network), the leaf's extended key usage (when present) must include clientAuth and its key usage (when
 * present) digitalSignature, and the optional subject and SAN allow-lists must admit it.
 */
final class ClientCertificateValidator {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;

    private final MtlsMode mode;
    private final Set<TrustAnchor> anchors;
    private final List<X509CRL> crls;
    private final CertificateAllowList allowList;

    /**
     * @param mode the mode
     * @param anchors the CA certificates trusted for client certificates; empty means every certificate is invalid
     * @param crls CRLs to check revocation against; empty means no revocation checking
     * @param allowList which valid certificates may authenticate
     */
    ClientCertificateValidator(MtlsMode mode, Set<TrustAnchor> anchors, List<X509CRL> crls,
            CertificateAllowList allowList) {
        this.mode = mode;
        this.anchors = Set.copyOf(anchors);
        this.crls = List.copyOf(crls);
        this.allowList = allowList;
    }

    /**
     * @param chain the presented chain, leaf first (may be empty)
     * @param now the current time
     * @return the valid certificate, or null when none was presented or the mode is off
     * @throws AuthFailure {@code auth.client_certificate_required} (401), {@code auth.client_certificate_invalid}
     *         (401) or {@code auth.client_certificate_not_allowed} (403)
     */
    ValidCertificate check(List<X509Certificate> chain, Instant now) {
        if (mode == MtlsMode.OFF) {
            return null;
        }
        if (chain.isEmpty()) {
            if (mode == MtlsMode.REQUIRED) {
                throw AuthFailure.credentials(AuthCodes.CLIENT_CERTIFICATE_REQUIRED,
                        "a TLS client certificate is required");
            }
            return null;
        }
        X509Certificate leaf = chain.get(0);
        validatePath(chain, now);
        checkUsage(leaf);
        String subject = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
        if (!allowList.admits(leaf, subject)) {
            throw AuthFailure.forbidden(AuthCodes.CLIENT_CERTIFICATE_NOT_ALLOWED,
                    "the client certificate is valid but not allowed to authenticate");
        }
        return new ValidCertificate(leaf, subject, thumbprint(leaf));
    }

    private void validatePath(List<X509Certificate> chain, Instant now) {
        if (anchors.isEmpty()) {
            throw invalid("no trust anchors are configured for client certificates (mtls.trustAnchors)");
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(now));
            params.setRevocationEnabled(!crls.isEmpty());
            if (!crls.isEmpty()) {
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(withoutAnchors(chain));
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw invalid("the client certificate does not validate: " + e.getMessage());
        }
    }

    /** A chain may end with the root itself; PKIX paths exclude the trust anchor. */
    private List<X509Certificate> withoutAnchors(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        return path;
    }

    private boolean isAnchor(X509Certificate cert) {
        return anchors.stream().anyMatch(a -> cert.equals(a.getTrustedCert()));
    }

    private static void checkUsage(X509Certificate leaf) {
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw invalid("the client certificate's extended key usage cannot be read");
        }
        if (eku != null && !eku.contains(CLIENT_AUTH)) {
            throw invalid("the client certificate is not meant for TLS client authentication (extended key usage)");
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && (ku.length <= DIGITAL_SIGNATURE || !ku[DIGITAL_SIGNATURE])) {
            throw invalid("the client certificate's key usage lacks digitalSignature");
        }
    }

    /** @return base64url SHA-256 of the certificate's DER encoding */
    static String thumbprint(X509Certificate cert) {
        try {
            return Base64Url.encode(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw invalid("the client certificate cannot be encoded");
        }
    }

    private static AuthFailure invalid(String detail) {
        return AuthFailure.credentials(AuthCodes.CLIENT_CERTIFICATE_INVALID, detail);
    }
}
