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
 * {@code issuer}: at least one signature verifies with an allowed key (named directly or through a key set) whose
 * version is valid at the trusted signing time; with {@code exclusive}, no other trusted key may have signed.
 */
final class IssuerRule extends BuiltinRule<IssuerRule.Settings> {

    static final String TYPE = "issuer";

    record Settings(List<String> keys, List<String> keySets, boolean exclusive) {

        boolean allows(SignerKey key) {
            return keys.stream().anyMatch(key::matches) || key.keySets().stream().anyMatch(keySets::contains);
        }
    }

    IssuerRule() {
        super(TYPE, "The attestation is signed by an allowed key that is valid at the trusted signing time.");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("keys", "keySets", "exclusive");
        List<String> keys = config.names("keys", false).orElse(List.of());
        List<String> keySets = config.names("keySets", false).orElse(List.of());
        boolean exclusive = config.bool("exclusive", false).orElse(false);
        if (!config.has("keys") && !config.has("keySets")) {
            config.problem(config.pointer("keys"), ConfigProblem.MISSING_MEMBER,
                    "name the allowed signers: 'keys', 'keySets' or both");
        }
        return new Settings(keys, keySets, exclusive);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        References.keys(settings.keys(), "keys", config, environment);
        References.keySets(settings.keySets(), "keySets", config, environment);
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        List<Signers.Judged> judged = Signers.judge(context, settings::allows);
        List<Signers.Judged> counted = judged.stream().filter(Signers.Judged::counts).toList();
        List<Signers.Judged> outsiders = judged.stream().filter(j -> !j.member()).toList();
        Map<String, Object> evidence = Evidence.map("time", Evidence.time(context),
                "allowed", Evidence.map("keys", settings.keys(), "keySets", settings.keySets()),
                "exclusive", settings.exclusive(),
                "signatures", judged.stream().map(j -> j.evidence(true)).toList(),
                "unverifiedSignatures", Signers.unverified(context));
        if (counted.isEmpty()) {
            return fail(noAllowedSigner(context, judged), evidence);
        }
        if (settings.exclusive() && !outsiders.isEmpty()) {
            return fail("signature " + outsiders.get(0).index() + " is by key " + outsiders.get(0).label()
                    + ", which this exclusive rule does not allow", evidence);
        }
        Signers.Judged first = counted.get(0);
        return pass("signed by allowed key " + first.label() + " (" + first.key().lifecycle().explain(first.status())
                + ") at " + when(context), evidence);
    }

    private static String noAllowedSigner(VerificationContext context, List<Signers.Judged> judged) {
        List<Signers.Judged> refused = judged.stream().filter(Signers.Judged::member).toList();
        if (refused.isEmpty()) {
            return "no signature verifies with an allowed key";
        }
        return "no allowed key's signature counts at " + when(context) + ": " + refused.stream()
                .map(j -> "signature " + j.index() + " by " + j.label() + " is " + j.status().wireName() + " ("
                        + j.key().lifecycle().explain(j.status()) + ")")
                .collect(Collectors.joining("; "));
    }
}
