package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
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
 * Validates the StellaOps PolicyEvaluation predicate ({@value #PREDICATE_TYPE}) against the schema shipped in this
 * bundle, then the rules a schema cannot express (the verdict follows from the rule results, each rule and input once,
 * evidence names an input), then the evaluated artifacts against the statement's subjects; and extracts
 * {@code policy.*} facts: verdict, policy id, version and digest, failed rule ids, inputs.
 *
 * <p>Configuration PID {@value #PID}, optional: {@code subjectPolicy} = {@code error} (default), {@code warning} or
 * {@code off}. Any other value fails activation, so a typo can never weaken the check. A configuration change
 * re-creates the component. Immutable, so one instance serves any number of concurrent validations.
 */
@Component(service = PredicateHandler.class, configurationPid = PolicyEvaluationHandler.PID)
@Designate(ocd = PolicyEvaluationHandler.Config.class)
public final class PolicyEvaluationHandler extends PredicateHandlerBase<String> {

    /** The configuration PID. */
    public static final String PID = "org.stellaops.attestor.predicate.policyeval";
    /** The predicate type this handler owns. */
    public static final String PREDICATE_TYPE = "https://stella-ops.org/attestation/policy-evaluation/v1";

    private static final String SCHEMA = "/schemas/policy-evaluation-v1.schema.json";

    /** The handler's configuration. */
    @ObjectClassDefinition(name = "StellaOps policy evaluation predicate handler",
            description = "Validates PolicyEvaluation predicates.")
    public @interface Config {
        /**
         * @return error, warning or off
         */
        @AttributeDefinition(name = "Subject policy",
                description = "What to do when an evaluated artifact (an input of kind artifact) is no subject of the "
                        + "statement: reject the statement (error), accept it with a warning (warning), or not "
                        + "compare (off).",
                options = {@Option(label = "error", value = "error"), @Option(label = "warning", value = "warning"),
                        @Option(label = "off", value = "off")})
        String subjectPolicy() default "error";
    }

    private final PredicateSchema schema;
    private final SubjectPolicy subjectPolicy;

    /**
     * Activates the component with its configuration (or the defaults).
     *
     * @param config the configuration
     * @throws IllegalArgumentException if {@code subjectPolicy} is not error, warning or off
     */
    @Activate
    public PolicyEvaluationHandler(Config config) {
        this(SubjectPolicy.parse(config.subjectPolicy()));
    }

    /**
     * Loads and compiles the schema.
     *
     * @param subjectPolicy what a subject mismatch does
     */
    PolicyEvaluationHandler(SubjectPolicy subjectPolicy) {
        super("the predicate type", Map.of(PREDICATE_TYPE, PREDICATE_TYPE));
        this.subjectPolicy = Objects.requireNonNull(subjectPolicy, "subjectPolicy");
        this.schema = PredicateSchema.load(PolicyEvaluationHandler.class, SCHEMA);
    }

    @Override
    protected String schemaText(String type) {
        return schema.text();
    }

    @Override
    protected PredicateResult validate(Statement statement, String type, JsonNode predicate) {
        List<ValidationError> errors = new ArrayList<>(schema.validate(predicate, Predicates.POINTER));
        errors.addAll(PolicyEvaluationRules.check(predicate));
        return subjectPolicy.result(errors, () -> PolicyEvaluationFacts.extract(predicate),
                () -> PolicyEvaluationRules.warnings(predicate),
                () -> InputSubjects.mismatches(statement, predicate.path("inputs")));
    }
}
