package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.PredicateSchema;
import org.stellaops.attestor.predicate.support.SubjectPolicy;

/**
 * Validates vulnerability scan predicates, the StellaOps ScanResults predicate
 * ({@code https://stella-ops.org/attestation/scan-results/v1}) and the cosign vulnerability scan record
 * ({@code https://cosign.sigstore.dev/attestation/vuln/v1}), against the schemas shipped in this bundle, then the
 * rules a schema cannot express, then (ScanResults only) the scanned artifact against the statement's subjects; and
 * extracts {@code scan.*} facts: counts by severity, finding ids, scanner and database.
 *
 * <p>Configuration PID {@value #PID}, optional: {@code subjectPolicy} = {@code error} (default), {@code warning} or
 * {@code off}. Any other value fails activation, so a typo can never weaken the check. A configuration change
 * re-creates the component. Immutable, so one instance serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class, configurationPid = ScanPredicateHandler.PID)
@Designate(ocd = ScanPredicateHandler.Config.class)
public final class ScanPredicateHandler implements PredicateHandler {

    /** The configuration PID. */
    public static final String PID = "org.stellaops.attestor.predicate.scan";

    private static final String PREDICATE_POINTER = "/predicate";

    /** The handler's configuration. */
    @ObjectClassDefinition(name = "StellaOps scan predicate handler",
            description = "Validates ScanResults and cosign vulnerability predicates.")
    public @interface Config {
        /**
         * @return error, warning or off
         */
        @AttributeDefinition(name = "Subject policy",
                description = "What to do when a ScanResults predicate's scanned artifact is no subject of its "
                        + "statement: reject the statement (error), accept it with a warning (warning), or not "
                        + "compare (off).",
                options = {@Option(label = "error", value = "error"), @Option(label = "warning", value = "warning"),
                        @Option(label = "off", value = "off")})
        String subjectPolicy() default "error";
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<ScanPredicateType, PredicateSchema> schemas = new EnumMap<>(ScanPredicateType.class);
    private final Set<String> predicateTypes;
    private final SubjectPolicy subjectPolicy;

    /**
     * Activates the component with its configuration (or the defaults).
     *
     * @param config the configuration
     * @throws IllegalArgumentException if {@code subjectPolicy} is not error, warning or off
     */
    @Activate
    public ScanPredicateHandler(Config config) {
        this(SubjectPolicy.parse(config.subjectPolicy()));
    }

    /**
     * Loads and compiles both schemas.
     *
     * @param subjectPolicy what a subject mismatch does
     */
    ScanPredicateHandler(SubjectPolicy subjectPolicy) {
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
        for (ScanPredicateType type : ScanPredicateType.values()) {
            schemas.put(type, PredicateSchema.load(ScanPredicateHandler.class, type.schemaResource()));
        }
        predicateTypes = Stream.of(ScanPredicateType.values()).map(ScanPredicateType::uri)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> predicateTypes() {
        return predicateTypes;
    }

    @Override
    public Optional<String> jsonSchema(String predicateType) {
        return ScanPredicateType.forUri(predicateType).map(type -> schemas.get(type).text());
    }

    @Override
    public PredicateResult validate(Statement statement) {
        Optional<ScanPredicateType> type = ScanPredicateType.forUri(statement.predicateType());
        if (type.isEmpty()) {
            return invalid("/predicateType", "not a scan predicate type this handler owns: " + predicateTypes);
        }
        JsonNode predicate;
        try {
            predicate = mapper.valueToTree(statement.predicate());
        } catch (IllegalArgumentException e) {
            return invalid(PREDICATE_POINTER, "the predicate is not a JSON object tree: " + e.getMessage());
        }
        List<ValidationError> errors = new ArrayList<>(schemas.get(type.get()).validate(predicate, PREDICATE_POINTER));
        return type.get() == ScanPredicateType.SCAN_RESULTS
                ? scanResults(statement, predicate, errors)
                : cosignVuln(predicate, errors);
    }

    private PredicateResult scanResults(Statement statement, JsonNode predicate, List<ValidationError> errors) {
        errors.addAll(ScanResultsRules.check(predicate));
        List<ValidationError> mismatches = subjectPolicy == SubjectPolicy.OFF ? List.of()
                : ArtifactSubjects.mismatches(statement, predicate.path("artifact").path("digest"),
                        "/predicate/artifact/digest");
        if (!errors.isEmpty()) {
            if (subjectPolicy == SubjectPolicy.ERROR) {
                errors.addAll(mismatches);
            }
            return PredicateResult.invalid(errors);
        }
        return subjectPolicy.result(ScanResultsFacts.extract(predicate), List.of(), mismatches);
    }

    private static PredicateResult cosignVuln(JsonNode predicate, List<ValidationError> errors) {
        JsonNode metadata = predicate.path("metadata");
        Timestamps.notAfter(metadata.path("scanStartedOn"), metadata.path("scanFinishedOn"),
                "/predicate/metadata/scanStartedOn", "a scan cannot start after it finished").ifPresent(errors::add);
        if (!errors.isEmpty()) {
            return PredicateResult.invalid(errors);
        }
        // The cosign predicate names no digest of the scanned artifact, so there is nothing to compare with the
        // subjects: every subject policy accepts it as it is.
        return PredicateResult.valid(CosignVulnFacts.extract(predicate));
    }

    private static PredicateResult invalid(String pointer, String message) {
        return PredicateResult.invalid(List.of(new ValidationError(pointer, message)));
    }
}
