package org.stellaops.attestor.auth.internal;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.jose.DevIssuer;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.jose.JwkSet;
import org.stellaops.attestor.sdk.jose.JwsAlgorithm;
import org.stellaops.attestor.store.OneTimeKeyStore;

/** Builds the authenticator's parts from its configuration; every invalid setting fails with its reason. */
final class AuthSetup {

    private static final System.Logger LOG = System.getLogger(AuthSetup.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthSetup() {
    }

    /**
     * @param c the configuration
     * @param dataDir the data directory (for the development issuer key)
     * @return the development issuer, or null when it is disabled or its key cannot be had
     */
    static TrustedIssuer devIssuer(AuthConfig c, Path dataDir) {
        if (!c.devIssuer_enabled()) {
            return null;
        }
        Jwk key;
        try {
            key = DevIssuer.createKeyIfAbsent(dataDir);
        } catch (AttestorException e) {
            LOG.log(Level.ERROR, "the development issuer is unavailable, its tokens are refused: " + e.getMessage());
            return null;
        }
        LOG.log(Level.INFO, "trusting the development issuer " + DevIssuer.ISSUER + " (key " + key.kid() + " in "
                + dataDir.resolve(DevIssuer.KEY_FILE) + "); set devIssuer.enabled=false in production");
        return new TrustedIssuer(DevIssuer.ISSUER, c.devIssuer_audience(), Set.of(JwsAlgorithm.ES256), "tenant",
                "scope", Duration.ofSeconds(c.clockSkewSeconds()), false, new StaticKeys(JwkSet.of(List.of(
                key.toPublic()))));
    }

    /**
     * @param c the configuration
     * @param clientAuthProperty the {@code attestor.tls.clientAuth} framework property, or null
     * @param issuers the trusted issuers
     * @param store the DPoP replay cache
     * @param clock the time source
     * @return the parts of the authenticator
     * @throws IllegalArgumentException with the reason for an invalid setting
     */
    static RequestAuthenticator.Parts parts(AuthConfig c, String clientAuthProperty, IssuerDirectory issuers,
            OneTimeKeyStore store, Clock clock) {
        if (c.clockSkewSeconds() < 0 || c.clockSkewSeconds() > 600) {
            throw new IllegalArgumentException("clockSkewSeconds must be 0..600");
        }
        if (c.maxTokenBytes() < 1024) {
            throw new IllegalArgumentException("maxTokenBytes must be at least 1024");
        }
        Duration skew = Duration.ofSeconds(c.clockSkewSeconds());
        Set<JwsAlgorithm> dpopAlgs = IssuerSettings.algorithms("dpop.algorithms", c.dpop_algorithms());
        DpopNonces nonces = c.dpop_nonceRequired()
                ? new DpopNonces(nonceSecret(c.dpop_nonceSecret()), Duration.ofSeconds(c.dpop_nonceLifetimeSeconds()))
                : null;
        if (c.dpop_maxAgeSeconds() < 1 || c.dpop_maxAgeSeconds() > 3600) {
            throw new IllegalArgumentException("dpop.maxAgeSeconds must be 1..3600");
        }
        DpopVerifier dpop = new DpopVerifier(dpopAlgs, Duration.ofSeconds(c.dpop_maxAgeSeconds()), skew, nonces, store);
        MtlsMode mode = MtlsMode.of(c.mtls_mode(), clientAuthProperty);
        ClientCertificateValidator certs = new ClientCertificateValidator(mode, anchors(c, mode), crls(c),
                new CertificateAllowList(List.of(c.mtls_allowedSubjects()), List.of(c.mtls_allowedSans())));
        CertificateMapping mapping = new CertificateMapping(List.of(c.mtls_scopes()), c.mtls_tenant(),
                c.mtls_tenantAttribute());
        Challenges challenges = new Challenges(dpopAlgs, !c.dpop_required(),
                () -> nonces == null ? "" : nonces.current(clock.instant()));
        return new RequestAuthenticator.Parts(certs, mapping, new AccessTokenVerifier(issuers, c.maxTokenBytes()),
                dpop, nonces, c.dpop_required(), c.maxTokenBytes(), challenges);
    }

    private static byte[] nonceSecret(String configured) {
        if (configured == null || configured.isBlank()) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return secret;
        }
        try {
            return Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dpop.nonceSecret is not base64", e);
        }
    }

    private static Set<TrustAnchor> anchors(AuthConfig c, MtlsMode mode) {
        String file = c.mtls_trustAnchors();
        if (file == null || file.isBlank()) {
            if (mode != MtlsMode.OFF) {
                LOG.log(Level.WARNING, "client certificates are " + mode.name().toLowerCase(java.util.Locale.ROOT) + " but "
                        + "mtls.trustAnchors is not set: every client certificate is refused");
            }
            return Set.of();
        }
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : PemCertificates.read(Path.of(file.strip()))) {
            anchors.add(new TrustAnchor(ca, null));
        }
        return anchors;
    }

    private static List<X509CRL> crls(AuthConfig c) {
        List<X509CRL> crls = new ArrayList<>();
        for (String file : c.mtls_crlFiles()) {
            if (!file.isBlank()) {
                crls.addAll(PemCertificates.readCrls(Path.of(file.strip())));
            }
        }
        return crls;
    }
}
