/**
 * The persistence contract of the service: attestation records (with their per-log publication state, which is
 * the durable outbox), the dedupe index, trust roots, the audit trail, one-time keys (replay caches) and versioned
 * verification policies ({@link org.stellaops.attestor.store.PolicyStore}, 5.2).
 * Everything but one-time keys belongs to a tenant ({@link org.stellaops.attestor.store.Tenants}); reads are scoped
 * to one tenant, so a tenant never sees, counts or finds another tenant's data.
 * Implemented by {@code store-embedded} (H2 MVStore) and {@code store-mongo}; used by core, and
 * {@link org.stellaops.attestor.store.OneTimeKeyStore} also by the auth bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("5.3.0")
package org.stellaops.attestor.store;
