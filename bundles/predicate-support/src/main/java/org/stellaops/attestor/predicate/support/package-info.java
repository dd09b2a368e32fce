/**
 * Shared parts of the built-in predicate handlers: JSON Schemas shipped in a handler's bundle and validated with
 * located, actionable errors ({@link org.stellaops.attestor.predicate.support.PredicateSchema}); the policy for
 * statements whose subjects do not match what the predicate describes
 * ({@link org.stellaops.attestor.predicate.support.SubjectPolicy}) and the digest comparison behind it
 * ({@link org.stellaops.attestor.predicate.support.Subjects},
 * {@link org.stellaops.attestor.predicate.support.DigestClaim},
 * {@link org.stellaops.attestor.predicate.support.DigestSets},
 * {@link org.stellaops.attestor.predicate.support.HashNames});
 * facts under the contract's rules ({@link org.stellaops.attestor.predicate.support.FactLists},
 * {@link org.stellaops.attestor.predicate.support.FactsBuilder}); and readers of predicate trees of any validity
 * ({@link org.stellaops.attestor.predicate.support.Json}, {@link org.stellaops.attestor.predicate.support.Trees},
 * {@link org.stellaops.attestor.predicate.support.Predicates}). A third-party handler needs none of this: the SPI is
 * {@code org.stellaops.attestor.api.predicate} alone.
 *
 * <p>1.1.0 added the digest comparison, fact, reader and handler helpers,
 * {@link org.stellaops.attestor.predicate.support.PredicateSchema#withMessage} and
 * {@link org.stellaops.attestor.predicate.support.PredicateSchema#withoutErrorsFrom}, and the reporting rules of
 * {@link org.stellaops.attestor.predicate.support.PredicateSchema#validate}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stellaops.attestor.predicate.support;
