package org.stellaops.attestor.api.predicate;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.Statement;

/**
 * Validates the predicates of one family of in-toto predicate types and extracts facts from them.
 *
 * <p>Register an implementation as an OSGi service (for example with Declarative Services
 * {@code @Component(service = PredicateHandler.class)}). The platform tracks handlers dynamically: installing a
 * bundle makes its types acceptable at once, stopping it makes them rejected, with no restart. A request uses the
 * handlers that were registered when it started.
 *
 * <p>There is no catch-all: a statement whose {@code predicateType} no handler claims is rejected. When two handlers
 * claim the same type, the one with the higher {@code service.ranking} wins.
 *
 * <p>Implementations must be thread-safe and must not keep references to statements after {@link #validate}
 * returns. They never see unsigned or untrusted input: signatures are verified before handlers are called.
 */
@ConsumerType
public interface PredicateHandler {

    /**
     * The predicate type URIs this handler owns, for example {@code https://slsa.dev/provenance/v1}. Matching is by
     * exact string equality. The set must not change while the service is registered.
     *
     * @return one or more URIs
     */
    Set<String> predicateTypes();

    /**
     * The JSON Schema (draft 2020-12 or 07) the handler validates predicates against, for documentation and for
     * {@code GET /api/v1/predicates}.
     *
     * @param predicateType one of {@link #predicateTypes()}
     * @return the schema text, or empty if the handler validates without a published schema
     */
    Optional<String> jsonSchema(String predicateType);

    /**
     * Validates the statement's predicate and, if it is valid, extracts facts.
     *
     * @param statement a parsed statement whose {@code predicateType} is one of {@link #predicateTypes()}
     * @return {@link PredicateResult.Valid} with facts, or {@link PredicateResult.Invalid} with precise errors;
     *         never null. A handler must not throw for bad input: bad input is an {@code Invalid} result.
     */
    PredicateResult validate(Statement statement);
}
