package org.stellaops.attestor.predicate.slsa;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Component;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.PredicateSchema;

/**
 * Validates SLSA provenance predicates ({@code https://slsa.dev/provenance/v1} and {@code https://slsa.dev/provenance/v0.2})
 * against the JSON Schemas shipped in this bundle, and extracts {@code slsa.version}, {@code buildType},
 * {@code builder.id}, {@code resolvedDependencies.count} (v1) or {@code materials.count} (v0.2) and
 * {@code invocationId} (when present).
 *
 * <p>Immutable after construction, so one instance serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class)
public final class SlsaProvenanceHandler implements PredicateHandler {

    /** Pointer of the predicate inside the statement; every error pointer starts with it. */
    static final String PREDICATE_POINTER = "/predicate";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<ProvenanceVersion, PredicateSchema> schemas = new EnumMap<>(ProvenanceVersion.class);
    private final Set<String> predicateTypes;

    /** Loads and compiles both schemas. */
    public SlsaProvenanceHandler() {
        for (ProvenanceVersion version : ProvenanceVersion.values()) {
            schemas.put(version, PredicateSchema.load(SlsaProvenanceHandler.class, version.schemaResource()));
        }
        predicateTypes = Stream.of(ProvenanceVersion.values()).map(ProvenanceVersion::predicateType)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> predicateTypes() {
        return predicateTypes;
    }

    @Override
    public Optional<String> jsonSchema(String predicateType) {
        return ProvenanceVersion.forType(predicateType).map(version -> schemas.get(version).text());
    }

    @Override
    public PredicateResult validate(Statement statement) {
        Optional<ProvenanceVersion> version = ProvenanceVersion.forType(statement.predicateType());
        if (version.isEmpty()) {
            return invalid("/predicateType", "not a SLSA provenance type this handler owns: " + predicateTypes);
        }
        JsonNode predicate;
        try {
            predicate = mapper.valueToTree(statement.predicate());
        } catch (IllegalArgumentException e) {
            return invalid(PREDICATE_POINTER, "the predicate is not a JSON object tree: " + e.getMessage());
        }
        List<ValidationError> errors = schemas.get(version.get()).validate(predicate, PREDICATE_POINTER);
        if (!errors.isEmpty()) {
            return PredicateResult.invalid(errors);
        }
        return PredicateResult.valid(ProvenanceFacts.extract(version.get(), predicate));
    }

    private static PredicateResult invalid(String pointer, String message) {
        return PredicateResult.invalid(List.of(new ValidationError(pointer, message)));
    }
}
