package org.stellaops.attestor.policy.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.policy.PolicyDecision;
import org.stellaops.attestor.policy.RuleResult;
import org.stellaops.attestor.sdk.json.Jcs;

/** The canonical JSON form of a decision (RFC 8785, through the sdk). */
public final class DecisionJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private DecisionJson() {
    }

    /**
     * @param decision a decision
     * @return its canonical JSON, UTF-8
     */
    public static byte[] canonical(PolicyDecision decision) {
        ObjectNode root = NODES.objectNode();
        ObjectNode policy = root.putObject("policy");
        policy.put("id", decision.policyId());
        policy.put("version", decision.policyVersion());
        policy.put("digest", decision.policyDigest());
        root.put("envelopeDigest", decision.envelopeDigest());
        root.put("verdict", decision.verdict().name().toLowerCase(java.util.Locale.ROOT));
        root.put("allowed", decision.allowed());
        root.put("reason", decision.reason());
        root.put("evaluatedAt", decision.evaluatedAt().toString());
        root.set("trustedTime", Tree.toJson(Evidence.normalize(Evidence.trustedTime(decision.trustedTime()))));
        ArrayNode rules = root.putArray("rules");
        decision.rules().forEach(rule -> rules.add(rule(rule)));
        root.set("warnings", strings(decision.warnings()));
        root.set("failures", strings(decision.failures()));
        return Jcs.canonicalize(root);
    }

    private static ObjectNode rule(RuleResult rule) {
        ObjectNode node = NODES.objectNode();
        node.put("id", rule.id());
        node.put("type", rule.type());
        node.put("mode", rule.mode().wireName());
        node.put("outcome", rule.outcome().name().toLowerCase(java.util.Locale.ROOT));
        node.put("effect", rule.effect().wireName());
        node.put("evaluable", rule.evaluable());
        node.put("reason", rule.reason());
        node.set("evidence", Tree.toJson(Evidence.normalize((Map<?, ?>) rule.evidence())));
        return node;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
