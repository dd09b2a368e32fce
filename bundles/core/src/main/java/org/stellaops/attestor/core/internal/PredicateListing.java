package org.stellaops.attestor.core.internal;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * {@link PredicateCatalog} over the registry: plain values copied from one registry snapshot, so a front end never
 * holds a handler service and a listing never mixes two moments of the registry. A handler that throws from
 * {@code jsonSchema} while the list is made is shown without a schema (and logged), so one broken plugin does not
 * hide the others.
 */
final class PredicateListing implements PredicateCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PredicateListing.class);

    private final PredicateRegistry registry;

    PredicateListing(PredicateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<Handler> handlers() {
        PredicateRegistry.Snapshot snapshot = registry.snapshot();
        return snapshot.ordered().stream().map(r -> new Handler(r.bundle(), r.version(), r.ranking(), r.serviceId(),
                r.handler().predicateTypes().stream().sorted()
                        .map(type -> new PredicateType(type, snapshot.byType().get(type) == r, published(r, type)))
                        .toList()))
                .toList();
    }

    private static boolean published(PredicateRegistry.Registration registration, String type) {
        try {
            return registration.handler().jsonSchema(type).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("predicate handler of {} failed to give the schema of {}: {}", registration.provider(), type,
                    e.toString());
            return false;
        }
    }

    @Override
    public String schema(String predicateType) {
        PredicateRegistry.Registration registration = registry.forType(predicateType).orElseThrow(() ->
                new AttestorException(PREDICATE_NOT_FOUND, "no installed predicate handler owns the type "
                        + predicateType));
        Optional<String> schema = registration.handler().jsonSchema(predicateType);
        return schema.orElseThrow(() -> new AttestorException(SCHEMA_NOT_FOUND, "the handler of " + predicateType
                + " (" + registration.provider() + ") publishes no JSON Schema for it"));
    }
}
