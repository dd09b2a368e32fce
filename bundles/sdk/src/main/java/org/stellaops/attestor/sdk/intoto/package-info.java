/**
 * in-toto Statement parsing and validation (v1 and v0.1).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.sdk.intoto;
