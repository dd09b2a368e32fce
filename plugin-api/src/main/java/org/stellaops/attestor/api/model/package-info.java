/**
 * Immutable value types shared by the platform and every plugin: envelopes, statements, digests, checkpoints, proofs, log entries, keys and decisions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.api.model;
