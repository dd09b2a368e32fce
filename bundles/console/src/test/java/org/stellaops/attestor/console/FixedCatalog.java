package org.stellaops.attestor.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.sdk.AttestorException;

/** A catalog with the handlers and schemas a test gives it, answering like the core's. */
final class FixedCatalog implements PredicateCatalog {

    final List<Handler> handlers = new ArrayList<>();
    final Map<String, String> schemas = new LinkedHashMap<>();

    @Override
    public List<Handler> handlers() {
        return List.copyOf(handlers);
    }

    @Override
    public String schema(String predicateType) {
        boolean served = handlers.stream().flatMap(h -> h.predicateTypes().stream())
                .anyMatch(t -> t.active() && t.uri().equals(predicateType));
        if (!served) {
            throw new AttestorException(PREDICATE_NOT_FOUND, "no installed predicate handler owns the type "
                    + predicateType);
        }
        String schema = schemas.get(predicateType);
        if (schema == null) {
            throw new AttestorException(SCHEMA_NOT_FOUND, "the handler of " + predicateType
                    + " publishes no JSON Schema for it");
        }
        return schema;
    }
}
