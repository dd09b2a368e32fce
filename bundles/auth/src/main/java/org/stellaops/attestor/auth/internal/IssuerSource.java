package org.stellaops.attestor.auth.internal;

/** A service of this bundle that contributes one trusted issuer (one per factory configuration). */
public interface IssuerSource {

    /** @return the issuer */
    TrustedIssuer issuer();
}
