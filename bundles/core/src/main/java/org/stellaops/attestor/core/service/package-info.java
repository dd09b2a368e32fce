/**
 * The service API of the Attestor core, used by the HTTP API, the console and other front ends: submit, fetch and
 * verify attestations, manage trust roots, list logs and the installed predicate handlers ({@link
 * org.stellaops.attestor.core.service.PredicateCatalog}, 2.2) and verify under verification policies, author them
 * and simulate them ({@link org.stellaops.attestor.core.service.PolicyService}, 2.3); RFC 3161 time-stamp tokens in
 * verification requests (2.4).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.4.0")
package org.stellaops.attestor.core.service;
