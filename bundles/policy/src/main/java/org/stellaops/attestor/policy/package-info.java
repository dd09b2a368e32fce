/**
 * Verification policies for the platform's core: parse and validate {@code VerificationPolicy} documents (JSON or
 * YAML), and evaluate them over a {@link org.stellaops.attestor.api.policy.VerificationContext} into a deterministic
 * {@link org.stellaops.attestor.policy.PolicyDecision}. The entry point is the {@link PolicyEngine} service.
 * Format and semantics: {@code docs/policies.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.policy;
