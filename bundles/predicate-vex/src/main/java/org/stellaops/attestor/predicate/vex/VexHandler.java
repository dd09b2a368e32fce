package org.stellaops.attestor.predicate.vex;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.SubjectPolicy;

/**
 * Validates VEX predicates and extracts their statements as searchable facts: OpenVEX 0.2.x
 * ({@code https://openvex.dev/ns}, {@code https://openvex.dev/ns/v0.2.0}) and CycloneDX VEX
 * ({@code https://cyclonedx.org/vex}, a CycloneDX 1.4–1.6 BOM). Each predicate is checked against the official
 * schema shipped in this bundle, then against the VEX rules the schema cannot express (the justification a
 * not-affected statement needs, the action an affected one needs, …), then its product digests are compared with the
 * statement's subjects under the configured {@link SubjectPolicy}. See {@code docs/predicates/vex.md}.
 *
 * <p>Immutable: the schemas are compiled once, and a new configuration makes SCR replace the component. One instance
 * serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class, configurationPid = VexHandler.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VexHandler.Config.class)
public final class VexHandler implements PredicateHandler {

    /** The ConfigAdmin PID. */
    public static final String PID = "org.stellaops.attestor.predicate.vex";

    /** Configuration of the VEX handler. */
    @ObjectClassDefinition(name = "Attestor VEX predicate handler",
            description = "OpenVEX 0.2.x and CycloneDX VEX predicates: schema, VEX rules, subject consistency.")
    public @interface Config {
        /** @return {@code error}, {@code warning} or {@code off} */
        @AttributeDefinition(name = "Subject policy", description = "What to do when the VEX gives a digest for its "
                + "product (OpenVEX products[].hashes, CycloneDX metadata.component.hashes) that no statement "
                + "subject has: reject the statement (error), accept it with a warning (warning), or not compare "
                + "(off).", options = {
                    @Option(label = "error", value = "error"),
                    @Option(label = "warning", value = "warning"),
                    @Option(label = "off", value = "off")})
        String subjectPolicy() default "error";
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final OpenVex openVex = new OpenVex();
    private final CycloneDxVex cycloneDx = new CycloneDxVex();
    private final Set<String> predicateTypes;
    private final SubjectPolicy subjectPolicy;

    /**
     * Activates the component.
     *
     * @param config the configuration (defaults apply without one)
     * @throws IllegalArgumentException if {@code subjectPolicy} is not error, warning or off (the component then
     *         does not activate: a configuration error must not weaken the check)
     */
    @Activate
    public VexHandler(Config config) {
        this(SubjectPolicy.parse(config.subjectPolicy()));
    }

    /**
     * Creates a handler outside OSGi.
     *
     * @param subjectPolicy what to do with subject mismatches
     */
    public VexHandler(SubjectPolicy subjectPolicy) {
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
        Set<String> types = new TreeSet<>(OpenVex.TYPES);
        types.add(CycloneDxVex.TYPE);
        this.predicateTypes = Set.copyOf(types);
    }

    /** @return the policy in force */
    SubjectPolicy subjectPolicy() {
        return subjectPolicy;
    }

    @Override
    public Set<String> predicateTypes() {
        return predicateTypes;
    }

    @Override
    public Optional<String> jsonSchema(String predicateType) {
        if (OpenVex.TYPES.contains(predicateType)) {
            return Optional.of(openVex.schemaText());
        }
        return CycloneDxVex.TYPE.equals(predicateType) ? Optional.of(cycloneDx.schemaText()) : Optional.empty();
    }

    @Override
    public PredicateResult validate(Statement statement) {
        boolean isOpenVex = OpenVex.TYPES.contains(statement.predicateType());
        if (!isOpenVex && !CycloneDxVex.TYPE.equals(statement.predicateType())) {
            return PredicateResult.invalid(List.of(new ValidationError("/predicateType",
                    "not a VEX predicate type this handler owns: " + predicateTypes)));
        }
        JsonNode predicate;
        try {
            predicate = mapper.valueToTree(statement.predicate());
        } catch (IllegalArgumentException e) {
            return PredicateResult.invalid(List.of(new ValidationError("/predicate",
                    "the predicate is not a JSON object tree: " + e.getMessage())));
        }
        Analysis analysis = isOpenVex ? openVex.analyse(predicate, statement) : cycloneDx.analyse(predicate, statement);
        List<ValidationError> mismatches = subjectPolicy == SubjectPolicy.OFF ? List.of()
                : SubjectCheck.mismatches(statement, analysis.claims());
        if (analysis.errors().isEmpty()) {
            return subjectPolicy.result(analysis.facts(), analysis.warnings(), mismatches);
        }
        List<ValidationError> errors = new ArrayList<>(analysis.errors());
        if (subjectPolicy == SubjectPolicy.ERROR) {
            // a digest the schema already rejected (not hex, say) needs no second error saying no subject has it
            Set<String> located = errors.stream().map(ValidationError::pointer).collect(Collectors.toSet());
            mismatches.stream().filter(mismatch -> !located.contains(mismatch.pointer())).forEach(errors::add);
        }
        return PredicateResult.invalid(errors);
    }
}
