package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.predicate.support.DigestSets;
import org.stellaops.attestor.predicate.support.FactLists;

/** Extracts the facts of a PolicyEvaluation predicate that passed every check. */
final class PolicyEvaluationFacts {

    /** Fact: the policy id. */
    static final String ID = "policy.id";
    /** Fact: the policy version. */
    static final String VERSION = "policy.version";
    /** Fact: the policy digest as {@code sha256:<hex>}. */
    static final String DIGEST = "policy.digest";
    /** Fact: {@code pass}, {@code warn} or {@code fail}. */
    static final String VERDICT = "policy.verdict";
    /** Fact: the evaluator's name. */
    static final String EVALUATOR_NAME = "policy.evaluator.name";
    /** Fact: the evaluator's version. */
    static final String EVALUATOR_VERSION = "policy.evaluator.version";
    /** Fact: when the policy was evaluated, as given. */
    static final String EVALUATED_ON = "policy.evaluatedOn";
    /** Fact: the number of rule results. */
    static final String RULES_COUNT = "policy.rules.count";
    /** Fact: the ids of the rules that failed, enforced or advisory. */
    static final String RULES_FAILED = "policy.rules.failed";
    /** Fact: the ids of the rules that warned. */
    static final String RULES_WARNED = "policy.rules.warned";
    /** Fact: the digests ({@code alg:hex}) of the evaluated artifacts. */
    static final String INPUT_ARTIFACTS = "policy.inputs.artifacts";
    /** Fact: the digests ({@code alg:hex}) of the evaluated attestations. */
    static final String INPUT_ATTESTATIONS = "policy.inputs.attestations";
    /** Fact: the predicate types of the evaluated attestations. */
    static final String INPUT_PREDICATE_TYPES = "policy.inputs.predicateTypes";

    private PolicyEvaluationFacts() {
    }

    /**
     * @param predicate a valid PolicyEvaluation predicate
     * @return the facts (names in docs/predicates/policy-evaluation.md)
     */
    static Map<String, Object> extract(JsonNode predicate) {
        Map<String, Object> facts = new LinkedHashMap<>();
        JsonNode policy = predicate.path("policy");
        facts.put(ID, policy.path("id").asText());
        facts.put(VERSION, policy.path("version").asText());
        facts.put(DIGEST, "sha256:" + policy.path("digest").path("sha256").asText());
        facts.put(VERDICT, predicate.path("verdict").asText());
        facts.put(EVALUATOR_NAME, predicate.path("evaluator").path("name").asText());
        facts.put(EVALUATOR_VERSION, predicate.path("evaluator").path("version").asText());
        facts.put(EVALUATED_ON, predicate.path("evaluatedOn").asText());
        putRules(predicate.path("rules"), facts);
        putInputs(predicate.path("inputs"), facts);
        return facts;
    }

    private static void putRules(JsonNode rules, Map<String, Object> facts) {
        List<String> failed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        for (JsonNode rule : rules) {
            String verdict = rule.path("verdict").asText();
            if ("fail".equals(verdict)) {
                failed.add(rule.path("id").asText());
            } else if ("warn".equals(verdict)) {
                warned.add(rule.path("id").asText());
            }
        }
        facts.put(RULES_COUNT, rules.size());
        FactLists.put(facts, RULES_FAILED, failed);
        FactLists.put(facts, RULES_WARNED, warned);
    }

    private static void putInputs(JsonNode inputs, Map<String, Object> facts) {
        List<String> artifacts = new ArrayList<>();
        List<String> attestations = new ArrayList<>();
        List<String> predicateTypes = new ArrayList<>();
        for (JsonNode input : inputs) {
            boolean artifact = "artifact".equals(input.path("kind").asText());
            DigestSets.read(input.path("digest"))
                    .forEach((algorithm, hex) -> (artifact ? artifacts : attestations).add(algorithm + ":" + hex));
            if (!artifact) {
                predicateTypes.add(input.path("predicateType").asText());
            }
        }
        FactLists.put(facts, INPUT_ARTIFACTS, artifacts);
        FactLists.put(facts, INPUT_ATTESTATIONS, attestations);
        FactLists.put(facts, INPUT_PREDICATE_TYPES, predicateTypes);
    }
}
