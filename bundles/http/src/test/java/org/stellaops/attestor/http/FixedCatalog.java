package org.stellaops.attestor.http;

import java.util.List;
import java.util.Map;

import org.stellaops.attestor.core.service.PredicateCatalog;
import org.stellaops.attestor.sdk.AttestorException;

/**
 * The predicate handlers the API tests list: an SBOM handler (two types, schemas published), a VEX handler whose
 * type has no schema, and a low-ranked SBOM handler the first one shadows. Answers like the core's catalog.
 */
final class FixedCatalog implements PredicateCatalog {

    static final String CYCLONEDX = "https://cyclonedx.org/bom";
    static final String SPDX = "https://spdx.dev/Document";
    static final String VEX = "https://openvex.dev/ns/v0.2.0";
    static final String CYCLONEDX_SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
            + "\"title\":\"CycloneDX <bom> & \\u00e9\"}";

    private final Map<String, String> schemas = Map.of(CYCLONEDX, CYCLONEDX_SCHEMA, SPDX, "{\"title\":\"SPDX\"}");

    @Override
    public List<Handler> handlers() {
        return List.of(
                new Handler("org.stellaops.attestor.predicate-sbom", "1.0.0.SNAPSHOT", 10, 41, List.of(
                        new PredicateType(CYCLONEDX, true, true), new PredicateType(SPDX, true, true))),
                new Handler("org.stellaops.attestor.predicate-vex", "1.0.0.SNAPSHOT", 0, 42, List.of(
                        new PredicateType(VEX, true, false))),
                new Handler("org.example.old-sbom", "0.9.0", 0, 43, List.of(
                        new PredicateType(CYCLONEDX, false, true))));
    }

    @Override
    public String schema(String predicateType) {
        String schema = schemas.get(predicateType);
        if (schema != null) {
            return schema;
        }
        if (VEX.equals(predicateType)) {
            throw new AttestorException(SCHEMA_NOT_FOUND, "the handler of " + VEX + " publishes no JSON Schema");
        }
        throw new AttestorException(PREDICATE_NOT_FOUND, "no installed predicate handler owns the type "
                + predicateType);
    }
}
