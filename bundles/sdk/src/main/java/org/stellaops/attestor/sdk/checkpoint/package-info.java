/**
 * C2SP tlog-checkpoint: parsing and verifying checkpoints, building checkpoint bodies, and log IDs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.sdk.checkpoint;
