/**
 * HTTP helpers: for {@code java.net.http} clients, response bodies read under a size limit, so that a misbehaving
 * server (a log, a JWKS endpoint) cannot exhaust memory; for servers, refused request bodies drained within a bound
 * so that their clients see the answer, and connections that close lingered on after the answer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.1.0")
package org.stellaops.attestor.sdk.http;
