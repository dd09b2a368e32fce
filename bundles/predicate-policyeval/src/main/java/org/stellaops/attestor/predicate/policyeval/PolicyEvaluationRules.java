package org.stellaops.attestor.predicate.policyeval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.predicate.ValidationError;
import org.stellaops.attestor.predicate.support.DigestSets;
import org.stellaops.attestor.predicate.support.Pointers;

/**
 * The rules of a PolicyEvaluation predicate that its schema cannot express. Each rule looks only at members of the
 * expected shape, so that a document with schema errors gets its semantic errors too, never the same one twice.
 */
final class PolicyEvaluationRules {

    private static final String INPUTS = "/predicate/inputs";
    private static final String RULES = "/predicate/rules";

    private PolicyEvaluationRules() {
    }

    /**
     * @param predicate the predicate, valid or not
     * @return every violation: repeated inputs, repeated rule ids, evidence that names no input, then a verdict that
     *         does not follow from the rule results
     */
    static List<ValidationError> check(JsonNode predicate) {
        List<ValidationError> errors = new ArrayList<>();
        JsonNode inputs = predicate.path("inputs");
        Map<String, Integer> inputByDigest = inputsByDigest(inputs, errors);
        JsonNode rules = predicate.path("rules");
        if (rules.isArray()) {
            checkRuleIds(rules, errors);
            // Evidence is matched against the inputs only when every input's digest set is well-formed: a broken
            // digest set is the schema's error, not the evidence's.
            if (allDigestSetsWellFormed(inputs)) {
                checkEvidence(rules, inputByDigest, errors);
            }
        }
        VerdictConsistency.check(predicate).ifPresent(errors::add);
        return errors;
    }

    /**
     * @param predicate a predicate without errors
     * @return the handler's warnings: a pass verdict that no evaluated rule supports
     */
    static List<ValidationError> warnings(JsonNode predicate) {
        JsonNode rules = predicate.path("rules");
        boolean allSkipped = rules.size() > 0;
        for (JsonNode rule : rules) {
            allSkipped &= "skip".equals(rule.path("verdict").asText());
        }
        if (allSkipped && "pass".equals(predicate.path("verdict").asText())) {
            return List.of(new ValidationError(RULES,
                    "every rule was skipped: the pass verdict rests on no evaluated rule"));
        }
        return List.of();
    }

    private static Map<String, Integer> inputsByDigest(JsonNode inputs, List<ValidationError> errors) {
        Map<String, Integer> byDigest = new HashMap<>();
        if (!inputs.isArray()) {
            return byDigest;
        }
        for (int i = 0; i < inputs.size(); i++) {
            int index = i;
            DigestSets.read(inputs.get(i).path("digest")).forEach((algorithm, hex) -> {
                Integer first = byDigest.putIfAbsent(algorithm + ":" + hex, index);
                if (first != null && first != index) {
                    errors.add(new ValidationError(
                            Pointers.append(Pointers.append(Pointers.append(INPUTS, index), "digest"), algorithm),
                            "is also the digest of " + Pointers.append(INPUTS, first) + ": list each input once"));
                }
            });
        }
        return byDigest;
    }

    private static boolean allDigestSetsWellFormed(JsonNode inputs) {
        if (!inputs.isArray() || inputs.isEmpty()) {
            return false;
        }
        for (JsonNode input : inputs) {
            JsonNode digest = input.path("digest");
            if (!digest.isObject() || digest.isEmpty() || DigestSets.read(digest).size() != digest.size()) {
                return false;
            }
        }
        return true;
    }

    private static void checkRuleIds(JsonNode rules, List<ValidationError> errors) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode id = rules.get(i).path("id");
            if (id.isTextual()) {
                Integer first = firstIndex.putIfAbsent(id.asText(), i);
                if (first != null) {
                    errors.add(new ValidationError(Pointers.append(Pointers.append(RULES, i), "id"),
                            "repeats the rule id " + id.asText() + " of " + Pointers.append(RULES, first)
                                    + ": each rule of the policy reports once"));
                }
            }
        }
    }

    private static void checkEvidence(JsonNode rules, Map<String, Integer> inputByDigest,
                                      List<ValidationError> errors) {
        for (int i = 0; i < rules.size(); i++) {
            JsonNode evidence = rules.get(i).path("evidence");
            if (!evidence.isArray()) {
                continue;
            }
            for (int k = 0; k < evidence.size(); k++) {
                Map<String, String> digests = DigestSets.read(evidence.get(k).path("digest"));
                boolean namesInput = digests.entrySet().stream()
                        .anyMatch(d -> inputByDigest.containsKey(d.getKey() + ":" + d.getValue()));
                if (!digests.isEmpty() && !namesInput) {
                    String pointer = Pointers.append(Pointers.append(Pointers.append(Pointers.append(RULES, i),
                            "evidence"), k), "digest");
                    errors.add(new ValidationError(pointer, "names no input of this evaluation: evidence is one of "
                            + "the inputs, by one of their digests; add it to inputs or correct the digest"));
                }
            }
        }
    }
}
