/**
 * C2SP tlog-cosignature and tlog-witness: Ed25519 cosigners and their verifier keys, timestamped cosignatures over
 * checkpoints, the add-checkpoint request body, and verifier-key parsing for log and witness keys.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.witness;
