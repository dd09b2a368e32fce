package org.stellaops.attestor.predicate.slsa;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.osgi.service.component.annotations.Component;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.PredicateHandlerBase;
import org.stellaops.attestor.predicate.support.PredicateSchema;
import org.stellaops.attestor.predicate.support.Predicates;

/**
 * Validates SLSA provenance predicates ({@code https://slsa.dev/provenance/v1} and {@code https://slsa.dev/provenance/v0.2})
 * against the JSON Schemas shipped in this bundle, and extracts {@code slsa.version}, {@code buildType},
 * {@code builder.id}, {@code resolvedDependencies.count} (v1) or {@code materials.count} (v0.2) and
 * {@code invocationId} (when present).
 *
 * <p>Immutable after construction, so one instance serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class)
public final class SlsaProvenanceHandler extends PredicateHandlerBase<ProvenanceVersion> {

    private final Map<ProvenanceVersion, PredicateSchema> schemas = new EnumMap<>(ProvenanceVersion.class);

    /** Loads and compiles both schemas. */
    public SlsaProvenanceHandler() {
        super("a SLSA provenance type", byUri(ProvenanceVersion.values(), ProvenanceVersion::predicateType));
        for (ProvenanceVersion version : ProvenanceVersion.values()) {
            schemas.put(version, PredicateSchema.load(SlsaProvenanceHandler.class, version.schemaResource()));
        }
    }

    @Override
    protected String schemaText(ProvenanceVersion version) {
        return schemas.get(version).text();
    }

    @Override
    protected PredicateResult validate(Statement statement, ProvenanceVersion version, JsonNode predicate) {
        List<ValidationError> errors = schemas.get(version).validate(predicate, Predicates.POINTER);
        return errors.isEmpty() ? PredicateResult.valid(ProvenanceFacts.extract(version, predicate))
                : PredicateResult.invalid(errors);
    }
}
