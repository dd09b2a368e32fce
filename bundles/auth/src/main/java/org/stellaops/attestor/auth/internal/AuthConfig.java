package org.stellaops.attestor.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.stellaops.attestor.sdk.jose.DevIssuer;

/**
 * Configuration of API authentication (PID {@value #PID}); every attribute has a default, so the embedded
 * deployment works without any. Trusted issuers are configured separately, see {@link IssuerConfig}.
 */
@ObjectClassDefinition(id = AuthConfig.PID, name = "Attestor authentication",
        description = "How API callers authenticate: OAuth2 access tokens (Bearer or DPoP-bound), TLS client "
                + "certificates, and the built-in development issuer.")
@interface AuthConfig {

    /** The PID. */
    String PID = "org.stellaops.attestor.auth";

    @AttributeDefinition(name = "Development issuer", description = "Trust tokens of the built-in development "
            + "issuer (" + DevIssuer.ISSUER + ", key in <data dir>/" + DevIssuer.KEY_FILE + ", minted by "
            + "'stella auth token'). Turn off in production.")
    boolean devIssuer_enabled() default true;

    @AttributeDefinition(name = "Development issuer audience", description = "The aud development tokens must carry.")
    String devIssuer_audience() default DevIssuer.DEFAULT_AUDIENCE;

    @AttributeDefinition(name = "Clock skew (s)", min = "0", max = "600", description = "Tolerance for the times of "
            + "development tokens and DPoP proofs.")
    int clockSkewSeconds() default 60;

    @AttributeDefinition(name = "Largest token (bytes)", min = "1024", description = "Longer access tokens are refused.")
    int maxTokenBytes() default 16384;

    @AttributeDefinition(name = "Require DPoP", description = "Refuse plain Bearer tokens: every token must be "
            + "DPoP-bound and presented with a proof.")
    boolean dpop_required() default false;

    @AttributeDefinition(name = "Require DPoP nonces", description = "Proofs must carry a server nonce (RFC 9449 "
            + "section 8); clients get it from the DPoP-Nonce response header.")
    boolean dpop_nonceRequired() default false;

    @AttributeDefinition(name = "DPoP proof lifetime (s)", min = "1", max = "3600", description = "How old a DPoP "
            + "proof may be (by its iat).")
    int dpop_maxAgeSeconds() default 300;

    @AttributeDefinition(name = "DPoP nonce lifetime (s)", min = "1", description = "How long one nonce is current; "
            + "the previous one is accepted too.")
    int dpop_nonceLifetimeSeconds() default 300;

    @AttributeDefinition(name = "DPoP nonce secret", type = AttributeType.PASSWORD, required = false,
            description = "Base64 of at least 32 bytes, shared by all workers so that a nonce from one is accepted by "
                    + "all. Empty means a random secret per process.")
    String dpop_nonceSecret() default "";

    @AttributeDefinition(name = "DPoP proof algorithms", description = "The JWS algorithms accepted for DPoP proofs.")
    String[] dpop_algorithms() default {"ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA"};

    @AttributeDefinition(name = "Client certificates", required = false, description = "off, optional or required. "
            + "Empty means the framework property attestor.tls.clientAuth, else off.",
            options = {@Option(label = "(from attestor.tls.clientAuth)", value = ""), @Option(label = "off", value = "off"),
                @Option(label = "optional", value = "optional"), @Option(label = "required", value = "required")})
    String mtls_mode() default "";

    @AttributeDefinition(name = "Client CA certificates", required = false, description = "PEM bundle of the CA "
            + "certificates client certificates must chain to.")
    String mtls_trustAnchors() default "";

    @AttributeDefinition(name = "CRL files", required = false, description = "CRL files (PEM or DER); when set, "
            + "every certificate of a client chain must be covered by one of them.")
    String[] mtls_crlFiles() default {};

    @AttributeDefinition(name = "Allowed subjects", required = false, description = "Regular expressions; the client "
            + "certificate's subject DN (RFC 2253) must match one. Empty allows every subject.")
    String[] mtls_allowedSubjects() default {};

    @AttributeDefinition(name = "Allowed SANs", required = false, description = "Regular expressions; one of the "
            + "certificate's DNS, URI or e-mail SANs must match one. Empty allows every certificate.")
    String[] mtls_allowedSans() default {};

    @AttributeDefinition(name = "Certificate scopes", required = false, description = "Scopes granted to a request "
            + "authenticated by its client certificate alone.")
    String[] mtls_scopes() default {};

    @AttributeDefinition(name = "Certificate tenant", required = false, description = "The tenant of certificate-only "
            + "callers.")
    String mtls_tenant() default "";

    @AttributeDefinition(name = "Certificate tenant attribute", required = false, description = "A subject DN "
            + "attribute (e.g. O or OU) naming the tenant of certificate-only callers, when mtls.tenant is empty.")
    String mtls_tenantAttribute() default "";
}
