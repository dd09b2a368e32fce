/**
 * Rekor entries: the hashedrekord v0.0.2 canonical body, its UUID, and the request for one DSSE signature.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.rekor;
