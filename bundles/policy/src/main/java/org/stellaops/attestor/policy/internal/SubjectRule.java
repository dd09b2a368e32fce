package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code subject}: the statement is about the artifact in question: one of its subjects has the digest the caller
 * asked about ({@code requested}, the default), one of the listed digests, and/or a name matching one of the globs.
 */
final class SubjectRule extends BuiltinRule<SubjectRule.Settings> {

    static final String TYPE = "subject";

    record Settings(boolean requested, List<Digest> digests, List<String> names) {
    }

    SubjectRule() {
        super(TYPE, "The statement's subjects include the digest asked about (or listed digests / name patterns).");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("requested", "digests", "names");
        boolean others = config.has("digests") || config.has("names");
        boolean requested = config.bool("requested", false).orElse(!others);
        List<Digest> digests = new ArrayList<>();
        config.names("digests", false).ifPresent(texts -> {
            for (int i = 0; i < texts.size(); i++) {
                try {
                    digests.add(Digest.parse(texts.get(i)));
                } catch (IllegalArgumentException e) {
                    config.problem(config.pointer("digests", i), ConfigProblem.BAD_VALUE,
                            "must be <algorithm>:<lowercase hex>: " + e.getMessage());
                }
            }
        });
        List<String> names = config.names("names", false).orElse(List.of());
        if (!requested && !others) {
            config.problem(config.pointer("requested"), ConfigProblem.BAD_VALUE,
                    "with requested false, give 'digests' or 'names': otherwise the rule checks nothing");
        }
        return new Settings(requested, List.copyOf(digests), names);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        // digests and names are about artifacts, which the environment does not list
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        List<Subject> subjects = context.statement().subjects();
        Optional<Digest> asked = context.requestedSubject();
        Map<String, Object> evidence = Evidence.map("requested", settings.requested() ? asked.orElse(null) : null,
                "digests", settings.digests().isEmpty() ? null : settings.digests(),
                "names", settings.names().isEmpty() ? null : settings.names(),
                "subjects", subjects.stream().map(s -> Evidence.map("name", s.name(), "digests", s.digests())).toList());
        if (settings.requested()) {
            if (asked.isEmpty()) {
                return fail("no subject digest was asked about, so the statement's subjects cannot be compared with"
                        + " it", evidence);
            }
            if (subjects.stream().noneMatch(s -> s.digests().contains(asked.get()))) {
                return fail("the statement is not about " + asked.get() + ": its subjects are " + describe(subjects),
                        evidence);
            }
        }
        if (!settings.digests().isEmpty()
                && subjects.stream().noneMatch(s -> s.digests().stream().anyMatch(settings.digests()::contains))) {
            return fail("no subject has one of the digests " + settings.digests() + "; subjects are "
                    + describe(subjects), evidence);
        }
        if (!settings.names().isEmpty() && subjects.stream().noneMatch(s -> Globs.any(settings.names(), s.name()))) {
            return fail("no subject name matches " + settings.names() + "; subjects are " + describe(subjects),
                    evidence);
        }
        return pass(settings.requested() ? "the statement is about the requested subject " + asked.get()
                : "a subject matches " + (settings.digests().isEmpty() ? settings.names() : settings.digests()),
                evidence);
    }

    private static String describe(List<Subject> subjects) {
        return subjects.stream().map(s -> (s.name().isEmpty() ? "" : s.name() + " ") + s.digests()).toList().toString();
    }
}
