/**
 * Rekor entries: the hashedrekord v0.0.2 canonical body, its UUID, the request for one DSSE signature, and the
 * Rekor v2 wire format (requests, acceptance checks, TransparencyLogEntry responses, errors).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.sdk.rekor;
