package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.model.Verdict;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.VerificationContext;
import org.stellaops.attestor.policy.Effect;
import org.stellaops.attestor.policy.Mode;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.PolicyDocument;
import org.stellaops.attestor.policy.RuleResult;
import org.stellaops.attestor.policy.RuleSpec;
import org.stellaops.attestor.policy.Selector;
import org.stellaops.attestor.policy.SubjectPattern;

/**
 * Evaluates one policy over one context with one snapshot of rule types. Reads no clock and no mutable state, so
 * the same inputs give the same decision.
 */
final class Evaluator {

    private final Map<String, RuleRegistry.Registered> types;
    private final ConfigSchemas schemas;

    Evaluator(Map<String, RuleRegistry.Registered> types, ConfigSchemas schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    PolicyDecision evaluate(PolicyDocument policy, VerificationContext context) {
        Optional<String> mismatch = mismatch(policy.selector(), context);
        List<RuleResult> results = new ArrayList<>();
        if (mismatch.isPresent()) {
            for (RuleSpec rule : policy.rules()) {
                results.add(new RuleResult(rule.id(), rule.type(), rule.effectiveMode(policy.mode()),
                        Verdict.NOT_APPLICABLE, Effect.NONE, true, "the policy's selector does not match", Map.of()));
            }
            return decision(policy, context, Verdict.NOT_APPLICABLE, "the policy does not apply: " + mismatch.get(),
                    results);
        }
        for (RuleSpec rule : policy.rules()) {
            results.add(rule(rule, policy.mode(), context));
        }
        return verdict(policy, context, results);
    }

    private RuleResult rule(RuleSpec rule, Mode policyMode, VerificationContext context) {
        Mode mode = rule.effectiveMode(policyMode);
        String predicateType = context.statement().predicateType();
        if (!rule.predicateTypes().isEmpty() && !Globs.any(rule.predicateTypes(), predicateType)) {
            return new RuleResult(rule.id(), rule.type(), mode, Verdict.NOT_APPLICABLE, Effect.NONE, true,
                    "the rule applies only to predicate types " + rule.predicateTypes(), Map.of());
        }
        RuleRegistry.Registered registered = types.get(rule.type());
        if (registered == null) {
            return notEvaluable(rule, mode, "rule type " + rule.type() + " is not installed");
        }
        if (!registered.builtin()) {
            Optional<String> invalid = customConfigProblem(registered, rule.config());
            if (invalid.isPresent()) {
                return notEvaluable(rule, mode, "the configuration is not valid for the installed rule type "
                        + rule.type() + " (" + registered.provider() + "): " + invalid.get());
            }
        }
        Decision decision;
        Map<String, Object> evidence;
        try {
            decision = registered.rule().evaluate(context, rule.config());
            if (decision == null) {
                return notEvaluable(rule, mode, "rule type " + rule.type() + " returned no decision");
            }
            evidence = Evidence.normalize(decision.evidence());
        } catch (RuntimeException | LinkageError e) {
            // a rule failing is evidence about the rule, reported in the decision; it must never pass
            return notEvaluable(rule, mode, "rule type " + rule.type() + " (" + registered.provider() + ") failed: "
                    + e);
        }
        return new RuleResult(rule.id(), rule.type(), mode, decision.verdict(), effect(decision.verdict(), mode),
                true, decision.reason(), evidence);
    }

    private Optional<String> customConfigProblem(RuleRegistry.Registered registered, Map<String, Object> config) {
        try {
            List<ConfigProblem> problems = schemas.validate(registered.rule().configSchema(), config);
            return problems.stream().findFirst().map(p -> "'" + p.pointer() + "' " + p.message());
        } catch (RuntimeException e) {
            return Optional.of("its schema cannot be read: " + e);
        }
    }

    private static RuleResult notEvaluable(RuleSpec rule, Mode mode, String why) {
        return new RuleResult(rule.id(), rule.type(), mode, Verdict.FAIL, effect(Verdict.FAIL, mode), false,
                "not evaluable: " + why, Map.of());
    }

    private static Effect effect(Verdict outcome, Mode mode) {
        if (outcome != Verdict.FAIL) {
            return Effect.NONE;
        }
        return switch (mode) {
            case ENFORCE -> Effect.FAIL;
            case WARN -> Effect.WARN;
            case AUDIT -> Effect.AUDIT;
        };
    }

    private static PolicyDecision verdict(PolicyDocument policy, VerificationContext context,
                                          List<RuleResult> results) {
        List<RuleResult> failed = results.stream().filter(r -> r.effect() == Effect.FAIL).toList();
        List<String> warnings = results.stream().filter(r -> r.effect() == Effect.WARN).map(RuleResult::id).toList();
        String warned = warnings.isEmpty() ? "" : "; warnings from " + warnings;
        if (!failed.isEmpty()) {
            return decision(policy, context, Verdict.FAIL, "rule " + failed.get(0).id() + " failed: "
                    + failed.get(0).reason() + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more)" : ""),
                    results);
        }
        boolean anyApplied = results.stream().anyMatch(r -> r.outcome() != Verdict.NOT_APPLICABLE);
        if (!anyApplied) {
            String none = "no rule of the policy applies to this attestation";
            return policy.mode() == Mode.ENFORCE ? decision(policy, context, Verdict.FAIL, none, results)
                    : decision(policy, context, Verdict.PASS, none + " (this fails in enforce mode; the policy is in "
                            + policy.mode().wireName() + " mode)", results);
        }
        long passed = results.stream().filter(r -> r.outcome() == Verdict.PASS).count();
        long recorded = results.stream().filter(r -> r.effect() == Effect.AUDIT).count();
        return decision(policy, context, Verdict.PASS, passed + " of " + results.size() + " rule(s) passed, none"
                + " failed in enforce mode" + warned + (recorded > 0 ? "; " + recorded + " audit-only failure(s)"
                        + " recorded" : ""), results);
    }

    private static PolicyDecision decision(PolicyDocument policy, VerificationContext context, Verdict verdict,
                                           String reason, List<RuleResult> results) {
        return new PolicyDecision(policy.id(), policy.version(), policy.digest(), context.envelopeDigest(), verdict,
                reason, context.verificationTime(), context.trustedTime(), results,
                results.stream().filter(r -> r.effect() == Effect.WARN).map(RuleResult::id).toList(),
                results.stream().filter(r -> r.effect() == Effect.FAIL).map(RuleResult::id).toList());
    }

    /** @return why the selector does not match, or empty when it does */
    static Optional<String> mismatch(Selector selector, VerificationContext context) {
        if (!selector.tenants().isEmpty() && !selector.tenants().contains(context.tenant())) {
            return Optional.of("tenant '" + context.tenant() + "' is not one of " + selector.tenants());
        }
        String predicateType = context.statement().predicateType();
        if (!selector.predicateTypes().isEmpty() && !Globs.any(selector.predicateTypes(), predicateType)) {
            return Optional.of("predicate type " + predicateType + " does not match " + selector.predicateTypes());
        }
        if (!selector.subjects().isEmpty() && context.statement().subjects().stream()
                .noneMatch(s -> selector.subjects().stream().anyMatch(p -> matches(p, s)))) {
            return Optional.of("no subject matches the selector's subject patterns");
        }
        return Optional.empty();
    }

    private static boolean matches(SubjectPattern pattern, Subject subject) {
        return pattern.digest() != null ? subject.digests().contains(pattern.digest())
                : Globs.matches(pattern.name(), subject.name());
    }
}
