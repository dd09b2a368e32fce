/**
 * The content-addressed archive contract: envelope bytes stored exactly as received, addressed by SHA-256.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.cas;
