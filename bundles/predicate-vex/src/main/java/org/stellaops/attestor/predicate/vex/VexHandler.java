package org.stellaops.attestor.predicate.vex;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.stellaops.attestor.predicate.support.DigestClaim;
import org.stellaops.attestor.predicate.support.PredicateHandlerBase;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.predicate.support.Subjects;

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
public final class VexHandler extends PredicateHandlerBase<VexFormat> {

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

    private final OpenVex openVex = new OpenVex();
    private final CycloneDxVex cycloneDx = new CycloneDxVex();
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
        super("a VEX predicate type", VexFormat.byPredicateType());
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
    }

    /** @return the policy in force */
    SubjectPolicy subjectPolicy() {
        return subjectPolicy;
    }

    @Override
    protected String schemaText(VexFormat format) {
        return format == VexFormat.OPENVEX ? openVex.schemaText() : cycloneDx.schemaText();
    }

    @Override
    protected PredicateResult validate(Statement statement, VexFormat format, JsonNode predicate) {
        Analysis analysis = format == VexFormat.OPENVEX ? openVex.analyse(predicate, statement)
                : cycloneDx.analyse(predicate, statement);
        // a digest the schema already rejected (not hex, say) needs no second error saying no subject has it
        Set<String> located = analysis.errors().stream().map(ValidationError::pointer).collect(Collectors.toSet());
        return subjectPolicy.result(analysis.errors(), analysis::facts, analysis::warnings,
                () -> mismatches(statement, analysis.claims()).stream()
                        .filter(mismatch -> !located.contains(mismatch.pointer())).toList());
    }

    private static List<ValidationError> mismatches(Statement statement, List<DigestClaim> claims) {
        return Subjects.unmatched(statement, claims).stream().map(claim -> new ValidationError(claim.pointer(),
                "the VEX gives " + claim.digest() + " for " + claim.artifactLabel() + ", but no statement subject has "
                        + "this digest (" + Subjects.describe(statement) + "); attest the VEX for the artifact it "
                        + "describes, or correct the digest")).toList();
    }
}
