/**
 * Shared parts of the built-in predicate handlers: JSON Schemas shipped in a handler's bundle and validated with
 * located errors ({@link org.stellaops.attestor.predicate.support.PredicateSchema}), and the policy for statements
 * whose subjects do not match what the predicate describes
 * ({@link org.stellaops.attestor.predicate.support.SubjectPolicy}). A third-party handler needs none of this: the
 * SPI is {@code org.stellaops.attestor.api.predicate} alone.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stellaops.attestor.predicate.support;
