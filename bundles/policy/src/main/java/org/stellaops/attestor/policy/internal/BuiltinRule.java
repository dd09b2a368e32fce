package org.stellaops.attestor.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * A built-in rule type: it reads its configuration into settings with located problems (the same code validates a
 * document and prepares an evaluation), checks the settings against the environment, and decides.
 *
 * @param <S> the rule's parsed settings
 */
abstract class BuiltinRule<S> implements PolicyRule {

    private final String type;
    private final String description;
    private final String schema;

    BuiltinRule(String type, String description) {
        this.type = type;
        this.description = description;
        this.schema = resource("/schemas/rules/" + type + ".schema.json");
    }

    /**
     * Reads the configuration.
     *
     * @param config a reader over it; every problem is recorded there
     * @return the settings (meaningful only when no problem was recorded)
     */
    abstract S read(ConfigReader config);

    /**
     * Checks the references and thresholds of valid settings against what the deployment knows.
     *
     * @param settings the settings
     * @param config the reader they came from (for pointers and problems)
     * @param environment the environment
     */
    abstract void check(S settings, ConfigReader config, PolicyEnvironment environment);

    /**
     * @param context the evidence
     * @param settings valid settings
     * @return the decision
     */
    abstract Decision decide(VerificationContext context, S settings);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String configSchema() {
        return schema;
    }

    @Override
    public final List<ConfigProblem> validateConfig(Map<String, Object> config, PolicyEnvironment environment) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader reader = ConfigReader.of(config, problems);
        S settings = read(reader);
        if (problems.isEmpty()) {
            check(settings, reader, environment);
        }
        return List.copyOf(problems);
    }

    @Override
    public final Decision evaluate(VerificationContext context, Map<String, Object> config) {
        List<ConfigProblem> problems = new ArrayList<>();
        S settings = read(ConfigReader.of(config, problems));
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw new IllegalStateException("configuration is not valid at '" + first.pointer() + "': "
                    + first.message());
        }
        return decide(context, settings);
    }

    final Decision pass(String reason, Map<String, Object> evidence) {
        return new Decision(type, Verdict.PASS, reason, evidence);
    }

    final Decision fail(String reason, Map<String, Object> evidence) {
        return new Decision(type, Verdict.FAIL, reason, evidence);
    }

    final Decision notApplicable(String reason, Map<String, Object> evidence) {
        return new Decision(type, Verdict.NOT_APPLICABLE, reason, evidence);
    }

    /**
     * @param context a context
     * @return how the signing time is described in reasons
     */
    static String when(VerificationContext context) {
        return context.trustedTime().present()
                ? "trusted time " + context.trustedTime().instant() + " (" + context.trustedTime().source().wireName()
                        + ")"
                : "verification time " + context.verificationTime() + " (no trusted time)";
    }

    private static String resource(String name) {
        try (InputStream in = BuiltinRule.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the policy bundle: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
