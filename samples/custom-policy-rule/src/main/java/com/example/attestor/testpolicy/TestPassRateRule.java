package com.example.attestor.testpolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * Policy rule type {@value #TYPE}: the test run an attestation reports passed enough of its tests. It reads the
 * {@code testResults.*} facts that the test-results predicate handler (the custom-predicate sample) extracts, so a
 * policy can say "release only what passed at least 98 % of its tests and failed none of them".
 *
 * <p>Fail closed, as the SPI asks: a statement of another predicate type is not applicable; a test-results statement
 * whose facts are missing (no handler installed: the predicate is opaque) or incomplete fails, as does a run that
 * executed no test at all.
 *
 * <p>Stateless and immutable, so one instance serves concurrent evaluations. It reads no clock and does no I/O
 * while evaluating.
 */
@Component(service = PolicyRule.class)
public final class TestPassRateRule implements PolicyRule {

    /** The rule type name policies use. */
    public static final String TYPE = "example.testPassRate";
    /** The one predicate type the rule concerns. */
    public static final String PREDICATE_TYPE = "https://example.com/attestation/test-results/v1";

    private static final String FACTS = "testResults.";
    private final String schema = resource("/schemas/test-pass-rate.schema.json");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "The reported test run passed at least a minimum share of its tests and failed at most a number.";
    }

    @Override
    public String configSchema() {
        return schema;
    }

    @Override
    public List<ConfigProblem> validateConfig(Map<String, Object> config, PolicyEnvironment environment) {
        return PassRateSettings.read(config).problems();
    }

    @Override
    public Decision evaluate(VerificationContext context, Map<String, Object> config) {
        PassRateSettings settings = PassRateSettings.read(config);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("predicateType", context.statement().predicateType());
        if (!PREDICATE_TYPE.equals(context.statement().predicateType())) {
            return decision(Verdict.NOT_APPLICABLE, "the attestation is not a test-results statement", evidence);
        }
        if (!context.hasFacts()) {
            return decision(Verdict.FAIL, "no handler extracted facts from the test results (install the"
                    + " test-results predicate plugin), so the pass rate is unknown", evidence);
        }
        evidence.put("derivedBy", context.factsDerivedBy());
        Long passed = count(context, "passed");
        Long failed = count(context, "failed");
        Long skipped = count(context, "skipped");
        if (passed == null || failed == null || skipped == null) {
            return decision(Verdict.FAIL, "the facts lack testResults.passed, .failed or .skipped", evidence);
        }
        long failures = failed + (settings.skippedCountAsFailed() ? skipped : 0);
        long executed = passed + failures;
        evidence.putAll(Map.of("passed", passed, "failed", failed, "skipped", skipped,
                "skippedCountAsFailed", settings.skippedCountAsFailed()));
        if (executed == 0) {
            return decision(Verdict.FAIL, "the run executed no test", evidence);
        }
        BigDecimal rate = BigDecimal.valueOf(passed).divide(BigDecimal.valueOf(executed), 4, RoundingMode.FLOOR);
        evidence.put("passRate", rate);
        return judge(settings, rate, failures, evidence);
    }

    private Decision judge(PassRateSettings settings, BigDecimal rate, long failures, Map<String, Object> evidence) {
        if (settings.minPassRate() != null) {
            evidence.put("minPassRate", settings.minPassRate());
            if (rate.compareTo(settings.minPassRate()) < 0) {
                return decision(Verdict.FAIL, "pass rate " + rate.toPlainString() + " is below the required "
                        + settings.minPassRate().toPlainString(), evidence);
            }
        }
        if (settings.maxFailed() >= 0) {
            evidence.put("maxFailed", settings.maxFailed());
            if (failures > settings.maxFailed()) {
                return decision(Verdict.FAIL, failures + " failed test(s), at most " + settings.maxFailed()
                        + " allowed", evidence);
            }
        }
        return decision(Verdict.PASS, "pass rate " + rate.toPlainString() + " with " + failures
                + " failed test(s) meets the policy", evidence);
    }

    private static Long count(VerificationContext context, String name) {
        return context.facts().get(FACTS + name) instanceof Number n ? n.longValue() : null;
    }

    private static Decision decision(Verdict verdict, String reason, Map<String, Object> evidence) {
        return new Decision(TYPE, verdict, reason, evidence);
    }

    private static String resource(String name) {
        try (InputStream in = TestPassRateRule.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the bundle: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
