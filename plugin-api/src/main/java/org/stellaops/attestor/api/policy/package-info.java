/**
 * The policy-rule SPI: custom verification-policy rule types, and the evidence model every rule (built-in or custom)
 * is evaluated over.
 *
 * <p>Version 2.0.0 replaced the 1.0.0 draft: {@link VerificationContext} became a class built with a builder (it
 * carries per-signature evidence with key lifecycles, trusted time with its source, the verification time, per-log
 * evidence with checkpoints and cosignatures, and a lookup of related attestations), and {@link PolicyRule} gained
 * {@link PolicyRule#validateConfig} and {@link PolicyRule#description}. Implementers of {@link PolicyRule} import
 * {@code [2.0,3)}.
 *
 * <p>Growth rules, so that later additions stay minor releases: {@link VerificationContext} and
 * {@link PolicyEnvironment} are classes with builders (a new kind of evidence is a new builder method and accessor);
 * new methods of {@link PolicyRule} come with defaults.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.stellaops.attestor.api.policy;
