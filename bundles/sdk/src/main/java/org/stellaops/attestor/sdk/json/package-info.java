/**
 * Strict JSON parsing (size, depth, duplicate members, UTF-8) and RFC 8785 JSON canonicalization (JCS).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.json;
