package org.stellaops.attestor.policy.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.SignerKey;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code signatureThreshold}: at least {@code min} distinct signers out of a key set (or a list of keys), each with a
 * signature that verifies and a key version valid at the trusted signing time. A key that signs twice counts once;
 * keys that share a public key, or are versions of one key name, are one signer.
 */
final class ThresholdRule extends BuiltinRule<ThresholdRule.Settings> {

    static final String TYPE = "signatureThreshold";

    record Settings(String keySet, List<String> keys, long min) {

        boolean includes(SignerKey key) {
            return keySet != null ? key.keySets().contains(keySet) : keys.stream().anyMatch(key::matches);
        }

        String set() {
            return keySet != null ? "key set " + keySet : "keys " + keys;
        }
    }

    ThresholdRule() {
        super(TYPE, "At least k distinct signers out of a key set sign with keys valid at the trusted signing time.");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("keySet", "keys", "min");
        String keySet = config.string("keySet", false, ConfigReader.NAME, "a key-set name").orElse(null);
        List<String> keys = config.names("keys", false).orElse(List.of());
        long min = config.integer("min", true, 1, 1000).orElse(1);
        if (config.has("keySet") == config.has("keys")) {
            config.problem(config.pointer("keySet"), config.has("keys") ? ConfigProblem.BAD_VALUE
                    : ConfigProblem.MISSING_MEMBER, "give exactly one of 'keySet' and 'keys'");
        }
        return new Settings(keySet, keys, min);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        if (settings.keySet() != null) {
            var members = environment.keySet(settings.keySet());
            if (members.isEmpty()) {
                config.problem(config.pointer("keySet"), ConfigProblem.UNKNOWN_KEY_SET, "no key set is known as '"
                        + settings.keySet() + "'; known: " + environment.keySets().keySet());
            } else {
                References.quorum(settings.min(), members.get().size(), "key set " + settings.keySet(), config);
            }
        } else {
            References.keys(settings.keys(), "keys", config, environment);
            References.quorum(settings.min(), settings.keys().size(), "the list of keys", config);
        }
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        List<Signers.Judged> judged = Signers.judge(context, settings::includes);
        List<Signers.Judged> counted = judged.stream().filter(Signers.Judged::counts).toList();
        List<List<Signers.Judged>> signers = Signers.distinct(counted);
        Map<String, Object> evidence = Evidence.map("time", Evidence.time(context), "min", settings.min(),
                "keySet", settings.keySet(), "keys", settings.keySet() == null ? settings.keys() : null,
                "distinctSigners", signers.size(),
                "signers", signers.stream().map(Signers::signerEvidence).toList(),
                "signatures", judged.stream().map(j -> j.evidence(true)).toList(),
                "unverifiedSignatures", Signers.unverified(context));
        String who = signers.stream().map(s -> String.join("=", Signers.names(s))).collect(Collectors.joining(", "));
        if (signers.size() >= settings.min()) {
            return pass(signers.size() + " distinct signer(s) of " + settings.set() + " (min " + settings.min()
                    + "): " + who + ", judged at " + when(context), evidence);
        }
        String refused = judged.stream().filter(j -> j.member() && !j.counts())
                .map(j -> "signature " + j.index() + " by " + j.label() + " is " + j.status().wireName() + " ("
                        + j.key().lifecycle().explain(j.status()) + ")")
                .collect(Collectors.joining("; "));
        int repeats = counted.size() - signers.size();
        return fail("only " + signers.size() + " distinct signer(s) of " + settings.set() + " count, " + settings.min()
                + " required" + (who.isEmpty() ? "" : " (" + who + ")")
                + (repeats > 0 ? "; " + repeats + " further signature(s) by the same signer(s) count once" : "")
                + (refused.isEmpty() ? "" : "; " + refused) + "; judged at " + when(context), evidence);
    }
}
