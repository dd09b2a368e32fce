package org.stellaops.attestor.policy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.policy.CosignatureEvidence;
import org.stellaops.attestor.api.policy.LogEvidence;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code witnessQuorum}: the checkpoints of the attestation's verified log entries are cosigned by at least
 * {@code min} distinct witnesses out of the named ones, each cosignature valid and with a timestamp inside the
 * configured window. A witness cosigning twice (or two checkpoints) counts once; cosignatures of witnesses the rule
 * does not name, and cosignatures on checkpoints that do not verify or are inconsistent, do not count.
 */
final class WitnessQuorumRule extends BuiltinRule<WitnessQuorumRule.Settings> {

    static final String TYPE = "witnessQuorum";

    record Settings(List<String> witnesses, long min, List<String> logs, Duration window, Duration maxAge,
                    Duration skew) {
    }

    private record Judged(CosignatureEvidence cosignature, LogEvidence entry, String problem) {
    }

    WitnessQuorumRule() {
        super(TYPE, "The log checkpoints are cosigned by at least q of the named witnesses, within a time window.");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("witnesses", "min", "logs", "window", "maxAge", "maxClockSkew");
        List<String> witnesses = config.names("witnesses", true).orElse(List.of());
        long min = config.integer("min", true, 1, 100).orElse(1);
        List<String> logs = config.names("logs", false).orElse(null);
        Duration window = config.duration("window", false).orElse(null);
        Duration maxAge = config.duration("maxAge", false).orElse(null);
        return new Settings(witnesses, min, logs, window, maxAge, FreshnessRule.skew(config));
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        References.witnesses(settings.witnesses(), "witnesses", config, environment);
        References.quorum(settings.min(), settings.witnesses().size(), "the list of witnesses", config);
        if (settings.logs() != null) {
            References.logs(settings.logs(), "logs", config, environment);
        }
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        List<Judged> judged = new ArrayList<>();
        for (LogEvidence entry : LogChecks.entries(context, settings.logs())) {
            List<String> entryProblems = LogChecks.problems(entry);
            for (CosignatureEvidence cosignature : entry.checkpoint().cosignatures()) {
                String problem = entryProblems.isEmpty() ? judge(cosignature, context, settings)
                        : "on a checkpoint that does not count: " + entryProblems.get(0);
                if (!settings.witnesses().contains(cosignature.witness())) {
                    problem = "not a witness this rule names";
                }
                judged.add(new Judged(cosignature, entry, problem));
            }
        }
        judged.sort(Comparator.comparing((Judged j) -> j.cosignature().witness())
                .thenComparing(j -> j.entry(), LogChecks.ORDER)
                .thenComparing(j -> String.valueOf(j.cosignature().timestamp())));
        TreeSet<String> counted = new TreeSet<>();
        judged.stream().filter(j -> j.problem() == null).forEach(j -> counted.add(j.cosignature().witness()));
        Map<String, Object> evidence = Evidence.map("time", Evidence.time(context), "witnesses", settings.witnesses(),
                "min", settings.min(), "logs", settings.logs(), "window", settings.window(),
                "maxAge", settings.maxAge(), "maxClockSkew", settings.skew(), "countedWitnesses", List.copyOf(counted),
                "cosignatures", judged.stream().map(WitnessQuorumRule::evidence).toList());
        if (counted.size() >= settings.min()) {
            return pass("cosigned by " + counted.size() + " of the named witnesses (min " + settings.min() + "): "
                    + String.join(", ", counted), evidence);
        }
        String why = judged.stream().filter(j -> j.problem() != null)
                .map(j -> j.cosignature().witness() + " on " + LogChecks.label(j.entry()) + ": " + j.problem())
                .findFirst().map(s -> "; " + s).orElse("");
        return fail("cosigned by " + counted.size() + " of the named witnesses " + settings.witnesses() + ", "
                + settings.min() + " required" + (judged.isEmpty() ? "; no checkpoint carries a cosignature" : why),
                evidence);
    }

    /** @return why a cosignature by a named witness on a verified checkpoint does not count, or null if it does */
    private static String judge(CosignatureEvidence cosignature, VerificationContext context, Settings settings) {
        if (!cosignature.valid()) {
            return "the cosignature does not verify with the witness's key";
        }
        Instant ts = cosignature.timestamp();
        if (ts == null) {
            return "the cosignature has no readable timestamp";
        }
        Instant now = context.verificationTime();
        if (ts.isAfter(now.plus(settings.skew()))) {
            return "its timestamp " + ts + " is after the verification time " + now + " beyond the clock skew "
                    + settings.skew();
        }
        if (settings.window() != null) {
            if (!context.trustedTime().present()) {
                return "no trusted time to anchor the cosignature window";
            }
            Instant anchor = context.trustedTime().instant();
            if (ts.isBefore(anchor.minus(settings.skew()))) {
                return "its timestamp " + ts + " is before the attestation's trusted time " + anchor;
            }
            if (ts.isAfter(anchor.plus(settings.window()))) {
                return "its timestamp " + ts + " is more than " + settings.window() + " after the trusted time "
                        + anchor;
            }
        }
        if (settings.maxAge() != null && ts.isBefore(now.minus(settings.maxAge()))) {
            return "its timestamp " + ts + " is more than " + settings.maxAge() + " before the verification time";
        }
        return null;
    }

    private static Map<String, Object> evidence(Judged j) {
        return Evidence.map("witness", j.cosignature().witness(), "keyId", j.cosignature().keyId(),
                "timestamp", j.cosignature().timestamp(), "valid", j.cosignature().valid(),
                "origin", j.entry().origin(), "logIndex", j.entry().logIndex(), "checkpointSize",
                j.entry().checkpoint().size(), "counted", j.problem() == null, "problem", j.problem());
    }
}
