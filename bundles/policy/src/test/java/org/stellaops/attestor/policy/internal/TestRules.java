package org.stellaops.attestor.policy.internal;

import java.util.List;
import java.util.Map;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.api.policy.VerificationContext;

/** Custom rule types as third-party bundles would write them, including ones that misbehave. */
final class TestRules {

    private TestRules() {
    }

    /** {@code test.minFact}: a numeric fact is at least {@code min}. */
    static final class MinFact implements PolicyRule {
        private final String schema;

        MinFact() {
            this("{\"type\":\"object\",\"properties\":{\"fact\":{\"type\":\"string\"},"
                    + "\"min\":{\"type\":\"integer\"}},\"required\":[\"fact\",\"min\"],\"additionalProperties\":false}");
        }

        MinFact(String schema) {
            this.schema = schema;
        }

        @Override
        public String type() {
            return "test.minFact";
        }

        @Override
        public String configSchema() {
            return schema;
        }

        @Override
        public List<ConfigProblem> validateConfig(Map<String, Object> config, PolicyEnvironment environment) {
            return ((Long) config.get("min")) < 0
                    ? List.of(new ConfigProblem("/min", ConfigProblem.BAD_VALUE, "min must not be negative"))
                    : List.of();
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            Object value = context.facts().get(config.get("fact"));
            boolean holds = value instanceof Long n && n >= (Long) config.get("min");
            return new Decision(type(), holds ? Verdict.PASS : Verdict.FAIL, config.get("fact") + " is " + value,
                    Map.of("fact", config.get("fact"), "value", String.valueOf(value)));
        }
    }

    /** A rule whose evaluation throws. */
    static final class Throws implements PolicyRule {
        @Override
        public String type() {
            return "test.throws";
        }

        @Override
        public String configSchema() {
            return "{\"type\":\"object\"}";
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            throw new IllegalStateException("the rule's backing data is unavailable");
        }
    }

    /** A rule that returns no decision. */
    static final class ReturnsNothing implements PolicyRule {
        @Override
        public String type() {
            return "test.nothing";
        }

        @Override
        public String configSchema() {
            return "{\"type\":\"object\"}";
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            return null;
        }
    }

    /** A rule whose evidence holds something a report cannot. */
    static final class OpaqueEvidence implements PolicyRule {
        @Override
        public String type() {
            return "test.opaqueEvidence";
        }

        @Override
        public String configSchema() {
            return "{\"type\":\"object\"}";
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            return new Decision(type(), Verdict.PASS, "fine", Map.of("thing", new Object()));
        }
    }

    /** A rule whose schema is not a schema. */
    static final class BrokenSchema implements PolicyRule {
        @Override
        public String type() {
            return "test.brokenSchema";
        }

        @Override
        public String configSchema() {
            return "{not json";
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            return new Decision(type(), Verdict.PASS, "fine", Map.of());
        }
    }

    /** A rule with a fixed outcome, for mode tests. */
    static final class Fixed implements PolicyRule {
        private final String type;
        private final Verdict verdict;

        Fixed(String type, Verdict verdict) {
            this.type = type;
            this.verdict = verdict;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String configSchema() {
            return "{\"type\":\"object\",\"additionalProperties\":false}";
        }

        @Override
        public Decision evaluate(VerificationContext context, Map<String, Object> config) {
            return new Decision(type, verdict, "always " + verdict, Map.of());
        }
    }
}
