package org.stellaops.attestor.predicate.scan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.stellaops.attestor.predicate.support.PredicateHandlerBase;
import org.stellaops.attestor.predicate.support.PredicateSchema;
import org.stellaops.attestor.predicate.support.Predicates;
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
public final class ScanPredicateHandler extends PredicateHandlerBase<ScanPredicateType> {

    /** The configuration PID. */
    public static final String PID = "org.stellaops.attestor.predicate.scan";

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

    private final Map<ScanPredicateType, PredicateSchema> schemas = new EnumMap<>(ScanPredicateType.class);
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
        super("a scan predicate type", byUri(ScanPredicateType.values(), ScanPredicateType::uri));
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
        for (ScanPredicateType type : ScanPredicateType.values()) {
            schemas.put(type, PredicateSchema.load(ScanPredicateHandler.class, type.schemaResource()));
        }
    }

    @Override
    protected String schemaText(ScanPredicateType type) {
        return schemas.get(type).text();
    }

    @Override
    protected PredicateResult validate(Statement statement, ScanPredicateType type, JsonNode predicate) {
        List<ValidationError> errors = new ArrayList<>(schemas.get(type).validate(predicate, Predicates.POINTER));
        return type == ScanPredicateType.SCAN_RESULTS
                ? scanResults(statement, predicate, errors)
                : cosignVuln(predicate, errors);
    }

    private PredicateResult scanResults(Statement statement, JsonNode predicate, List<ValidationError> errors) {
        errors.addAll(ScanResultsRules.check(predicate));
        return subjectPolicy.result(errors, () -> ScanResultsFacts.extract(predicate), List::of,
                () -> ArtifactSubjects.mismatches(statement, predicate.path("artifact").path("digest"),
                        "/predicate/artifact/digest"));
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
}
