/**
 * The Rekor v1 wire format: hashedrekord v0.0.1 and intoto v0.0.2 proposed entries, the LogEntry response, and
 * signed entry timestamp (SET) verification.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.rekor.v1;
