/**
 * Strict base64 decoding as DSSE producers use it: standard or URL-safe alphabet, optional but exact padding.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.encoding;
