/**
 * DSSE envelopes: PAE, strict parsing, JSON form, signing, and verification against trusted signers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.dsse;
