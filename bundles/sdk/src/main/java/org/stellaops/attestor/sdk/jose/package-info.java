/**
 * JOSE for access tokens and DPoP: JSON Web Keys (RFC 7517, EC/RSA/Ed25519, RFC 7638 thumbprints), compact JWS
 * (RFC 7515) with an explicit allow-list of asymmetric algorithms that must fit the key (no {@code none}, no HMAC, no
 * algorithm confusion), the built-in development token issuer, and DPoP proof creation (RFC 9449).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.jose;
