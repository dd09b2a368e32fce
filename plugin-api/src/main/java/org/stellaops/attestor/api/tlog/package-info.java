/**
 * The transparency-log SPI: append-only logs that record attestation signatures and return inclusion proofs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.stellaops.attestor.api.tlog;
