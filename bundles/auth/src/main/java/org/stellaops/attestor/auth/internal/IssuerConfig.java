package org.stellaops.attestor.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One trusted OAuth2 token issuer (factory PID {@value #PID}); one factory configuration per issuer. */
@ObjectClassDefinition(id = IssuerConfig.PID, name = "Attestor trusted token issuer",
        description = "An OAuth2 authorization server whose JWT access tokens (RFC 9068) are accepted: its exact "
                + "issuer name, the audience its tokens must carry for this service, and its signing keys (a JWKS "
                + "endpoint or a JWKS file).")
@interface IssuerConfig {

    /** The factory PID. */
    String PID = "org.stellaops.attestor.auth.issuer";

    @AttributeDefinition(name = "Issuer", description = "The exact 'iss' claim of this issuer's tokens.")
    String issuer();

    @AttributeDefinition(name = "Audience", description = "The value the token's 'aud' (a string or an array) must "
            + "contain, e.g. stellaops-attestor.")
    String audience();

    @AttributeDefinition(name = "JWKS URI", required = false, description = "HTTPS URL of the issuer's JWK set "
            + "(http only to a loopback address). Exactly one of JWKS URI and JWKS file.")
    String jwksUri() default "";

    @AttributeDefinition(name = "JWKS file", required = false, description = "A local JWK set file (static keys). "
            + "Exactly one of JWKS URI and JWKS file.")
    String jwksFile() default "";

    @AttributeDefinition(name = "JWKS CA file", required = false, description = "PEM bundle of the CA certificates "
            + "trusted for the JWKS endpoint's TLS certificate; empty means the JDK's default trust store.")
    String jwksCaFile() default "";

    @AttributeDefinition(name = "Algorithms", description = "The JWS algorithms accepted from this issuer "
            + "(ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384, PS512, EdDSA).")
    String[] algorithms() default {"ES256", "ES384", "RS256", "PS256", "EdDSA"};

    @AttributeDefinition(name = "Tenant claim", description = "The claim that names the caller's tenant.")
    String tenantClaim() default "tenant";

    @AttributeDefinition(name = "Scope claim", description = "The claim carrying the scopes: a space-separated "
            + "string (OAuth2 'scope') or an array of strings (e.g. 'scp'). With 'scope', 'scp' is read when "
            + "'scope' is absent.")
    String scopeClaim() default "scope";

    @AttributeDefinition(name = "Clock skew (s)", min = "0", max = "600", description = "Tolerance for exp, nbf and iat.")
    int clockSkewSeconds() default 60;

    @AttributeDefinition(name = "JWKS cache (s)", min = "30", description = "How long fetched keys are used before "
            + "the JWK set is fetched again.")
    int jwksCacheSeconds() default 600;

    @AttributeDefinition(name = "Require DPoP", description = "Refuse this issuer's tokens unless they are bound to "
            + "a DPoP key (cnf.jkt).")
    boolean requireDpop() default false;
}
