/**
 * The persistence contract of the service: attestation records (with their per-log publication state, which is
 * the durable outbox), the dedupe index, trust roots and the audit trail. Implemented by {@code store-embedded}
 * (H2 MVStore) and later {@code store-mongo}; used only by core.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("3.0.0")
package org.stellaops.attestor.store;
