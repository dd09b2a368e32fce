package org.stellaops.attestor.api.policy;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.stellaops.attestor.api.model.Decision;

/**
 * A verification-policy rule type, for example "issuer" or "no critical findings".
 *
 * <p>Register an implementation as an OSGi service ({@code @Component(service = PolicyRule.class)}); policies refer
 * to it by {@link #type()} in a rule's {@code type} member and hand it the rule's {@code config} object. The policy
 * engine tracks rule services dynamically: a type becomes usable as soon as its service is registered, and a policy
 * naming a type that is not registered (any more) fails that rule closed, as "not evaluable".
 *
 * <p>Configuration objects are JSON trees made of {@code Map<String,Object>} (member order kept),
 * {@code List<Object>}, {@code String}, {@code Boolean}, {@code Long} (integers that fit), {@code BigInteger} (larger
 * integers), {@code BigDecimal} (other numbers) and {@code null}. They are read-only.
 *
 * <p>Implementations must be thread-safe and deterministic: the same context and configuration give the same
 * decision. They must never read a clock (the time of the question is {@link VerificationContext#verificationTime()})
 * nor do I/O; everything a rule may use is in the context. A rule that throws is reported as not evaluable and counts
 * as a failure.
 */
@ConsumerType
public interface PolicyRule {

    /**
     * The rule type name used in policy documents. Custom types should be namespaced with a dot (for example
     * {@code example.testPassRate}); names without a dot are reserved for the built-in types, and a service claiming
     * one is ignored. When several services claim the same type, the one with the highest {@code service.ranking}
     * (then the lowest {@code service.id}) is used.
     *
     * @return 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter; constant for the service's life
     */
    String type();

    /**
     * @return a one-sentence description of what the rule checks, for rule listings; the type name by default
     */
    default String description() {
        return type();
    }

    /**
     * The JSON Schema (draft 2020-12 unless {@code $schema} says otherwise) of this rule's {@code config} object. The
     * engine validates every configuration against it before {@link #validateConfig} and before evaluation; remote
     * references are never fetched.
     *
     * @return the schema text
     */
    String configSchema();

    /**
     * Checks what the schema cannot express: references to keys, logs or witnesses the deployment does not know,
     * thresholds that cannot be met, values that contradict each other. Called only for configurations that passed
     * {@link #configSchema()}.
     *
     * @param config the rule's configuration
     * @param environment the keys, key sets, logs and witnesses known where the policy will be evaluated
     * @return every problem found, with pointers relative to the configuration object (e.g. {@code /min}); empty if
     *         the configuration is usable. The default finds none.
     */
    default List<ConfigProblem> validateConfig(Map<String, Object> config, PolicyEnvironment environment) {
        return List.of();
    }

    /**
     * Evaluates the rule over what verification established about one attestation.
     *
     * <p>Fail closed: evidence the rule needs but the context lacks (no trusted time, no facts for an opaque
     * predicate, no verified log entry …) is a {@link org.stellaops.attestor.api.model.Verdict#FAIL FAIL} with a
     * reason saying what is missing, never a pass. Return
     * {@link org.stellaops.attestor.api.model.Verdict#NOT_APPLICABLE NOT_APPLICABLE} only when the rule by its own
     * definition does not concern this attestation.
     *
     * @param context the evidence
     * @param config this rule's configuration, already validated
     * @return the decision: its {@code rule} should be {@link #type()} (the engine reports the policy's rule id), its
     *         reason one sentence a person can act on, and its evidence a JSON-compatible map (strings, booleans,
     *         numbers, {@link java.time.Instant}s, {@link java.time.Duration}s, enums, lists and maps of these) of
     *         exactly what was used, with lists in a deterministic order
     */
    Decision evaluate(VerificationContext context, Map<String, Object> config);
}
