/**
 * Helpers for {@code java.net.http} clients: response bodies read under a size limit, so that a misbehaving server
 * (a log, a JWKS endpoint) cannot exhaust memory.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.http;
