/**
 * The sdk's common failure type and its stable error codes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.sdk;
