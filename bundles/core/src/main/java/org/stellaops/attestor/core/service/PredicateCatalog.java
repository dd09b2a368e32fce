package org.stellaops.attestor.core.service;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The installed predicate handlers as front ends show them ({@code GET /api/v1/predicates}, the console's
 * Predicates page): a snapshot of the core's handler registry, as plain values, never the handler services
 * themselves. Reading it is cheap; it changes whenever a handler bundle starts or stops. Nothing here belongs to a
 * tenant: every tenant's submissions go through the same handlers.
 *
 * @since 2.2
 */
@ProviderType
public interface PredicateCatalog {

    /** No installed handler owns the predicate type (404). */
    String PREDICATE_NOT_FOUND = "predicate.not_found";
    /** The handler of the predicate type publishes no JSON Schema for it (404). */
    String SCHEMA_NOT_FOUND = "predicate.schema_not_found";

    /**
     * @return every registered handler, in precedence order (highest {@code service.ranking} first, then the older
     *         service), each with its predicate types sorted
     */
    List<Handler> handlers();

    /**
     * The JSON Schema of a predicate type, from the handler that validates it now (the one of highest precedence).
     *
     * @param predicateType a predicate type URI, compared exactly
     * @return the schema text as the handler publishes it
     * @throws org.stellaops.attestor.sdk.AttestorException {@value #PREDICATE_NOT_FOUND} if no handler owns the type,
     *         {@value #SCHEMA_NOT_FOUND} if its handler publishes no schema for it
     */
    String schema(String predicateType);

    /**
     * One registered handler service.
     *
     * @param bundleSymbolicName the symbolic name of the bundle that registered it
     * @param bundleVersion that bundle's version
     * @param ranking its {@code service.ranking} (0 if it has none)
     * @param serviceId its {@code service.id}: among equal rankings, the lower one takes precedence
     * @param predicateTypes the types it claims, sorted by URI
     */
    record Handler(String bundleSymbolicName, String bundleVersion, int ranking, long serviceId,
                   List<PredicateType> predicateTypes) {
        /**
         * @param bundleSymbolicName not null
         * @param bundleVersion not null
         * @param predicateTypes copied
         */
        public Handler {
            Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
            Objects.requireNonNull(bundleVersion, "bundleVersion");
            predicateTypes = List.copyOf(predicateTypes);
        }
    }

    /**
     * One predicate type a handler claims.
     *
     * @param uri the predicate type URI
     * @param active whether this handler validates the type now; false when another handler of higher precedence
     *               claims it too
     * @param schemaPublished whether this handler publishes a JSON Schema for the type; {@link #schema(String)}
     *                        serves it while the handler is {@code active}
     */
    record PredicateType(String uri, boolean active, boolean schemaPublished) {
        /**
         * @param uri not null
         */
        public PredicateType {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
