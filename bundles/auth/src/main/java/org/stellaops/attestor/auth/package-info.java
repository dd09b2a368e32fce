/**
 * Authentication of API callers: who is calling (a {@link org.stellaops.attestor.auth.Principal}), with which
 * scopes and for which tenant, decided from a bearer or DPoP-bound access token and/or a TLS client certificate.
 * The HTTP layer hands every request's {@link org.stellaops.attestor.auth.Credentials} to the
 * {@link org.stellaops.attestor.auth.Authenticator} service and enforces the scope each operation declares.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.auth;
