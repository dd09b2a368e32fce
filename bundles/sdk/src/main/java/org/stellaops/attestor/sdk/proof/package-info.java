/**
 * Offline transparency proofs in the C2SP tlog-proof text format ({@code c2sp.org/tlog-proof@v1}): a checkpoint, an
 * entry index and its inclusion proof, verifiable without contacting the log.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.proof;
