package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.policy.Consistency;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code transparency}: the attestation is logged, with a verified body, inclusion proof and signed checkpoint that
 * match each other, in at least {@code min} distinct logs out of the named ones (any log when none is named).
 */
final class TransparencyRule extends BuiltinRule<TransparencyRule.Settings> {

    static final String TYPE = "transparency";

    record Settings(List<String> logs, long min, boolean requireConsistency) {
    }

    TransparencyRule() {
        super(TYPE, "The attestation is logged with verified inclusion proofs in at least n of the named logs.");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("logs", "min", "requireConsistency");
        List<String> logs = config.names("logs", false).orElse(null);
        long min = config.integer("min", false, 1, 100).orElse(1);
        boolean consistency = config.bool("requireConsistency", false).orElse(false);
        return new Settings(logs, min, consistency);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        if (settings.logs() != null) {
            References.logs(settings.logs(), "logs", config, environment);
            References.quorum(settings.min(), settings.logs().size(), "the list of logs", config);
        }
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<String, String> counted = new TreeMap<>();
        String firstProblem = null;
        for (LogEvidence entry : LogChecks.entries(context, settings.logs())) {
            List<String> problems = LogChecks.problems(entry);
            if (settings.requireConsistency() && entry.checkpoint().consistency() == Consistency.NOT_CHECKED) {
                problems.add("the checkpoint's consistency with the log's current view was not checked");
            }
            if (problems.isEmpty()) {
                counted.put(entry.logId(), entry.origin());
            } else if (firstProblem == null) {
                firstProblem = LogChecks.label(entry) + ": " + problems.get(0);
            }
            entries.add(Evidence.map("origin", entry.origin(), "logId", entry.logId(), "logIndex", entry.logIndex(),
                    "signatureIndex", entry.signatureIndex(), "checkpointSize", entry.checkpoint().size(),
                    "consistency", entry.checkpoint().consistency().wireName(), "counted", problems.isEmpty(),
                    "problems", problems));
        }
        List<String> origins = counted.values().stream().sorted().toList();
        Map<String, Object> evidence = Evidence.map("logs", settings.logs(), "min", settings.min(),
                "requireConsistency", settings.requireConsistency(), "countedLogs", origins, "entries", entries);
        if (counted.size() >= settings.min()) {
            return pass("logged with verified inclusion proofs in " + counted.size() + " log(s) (min "
                    + settings.min() + "): " + String.join(", ", origins), evidence);
        }
        String scope = settings.logs() == null ? "" : " of " + settings.logs();
        if (entries.isEmpty()) {
            return fail("the attestation has no entry in any log" + scope, evidence);
        }
        return fail("verified in " + counted.size() + " log(s)" + scope + ", " + settings.min() + " required"
                + (firstProblem == null ? "" : "; " + firstProblem), evidence);
    }
}
