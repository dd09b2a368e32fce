package org.stellaops.attestor.policy.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stellaops.attestor.api.model.Decision;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;
import org.stellaops.attestor.api.policy.RelatedAttestation;
import org.stellaops.attestor.api.policy.TimeSource;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * {@code freshness}: the attestation's trusted time (from an accepted source) is at most a maximum age before the
 * verification time, per predicate type; optionally it is strictly newer than the newest attestation of another type
 * about each of its subjects.
 */
final class FreshnessRule extends BuiltinRule<FreshnessRule.Settings> {

    static final String TYPE = "freshness";
    static final Duration DEFAULT_SKEW = Duration.ofMinutes(1);
    private static final Set<TimeSource> DEFAULT_SOURCES = EnumSet.of(TimeSource.LOG, TimeSource.RECEIPT,
            TimeSource.RFC3161, TimeSource.SERVICE);

    record NewerThan(String predicateType, boolean required) {
    }

    record Settings(Duration maxAge, Map<String, Duration> byType, Set<TimeSource> sources, Duration skew,
                    NewerThan newerThan) {

        Duration limitFor(String predicateType) {
            return byType.getOrDefault(predicateType, maxAge);
        }
    }

    FreshnessRule() {
        super(TYPE, "The attestation's trusted time is recent enough, and optionally newer than another attestation"
                + " about the same subject.");
    }

    @Override
    Settings read(ConfigReader config) {
        config.only("maxAge", "maxAgeByPredicateType", "timeSources", "maxClockSkew", "newerThan");
        Duration maxAge = config.duration("maxAge", false).orElse(null);
        Map<String, Duration> byType = new LinkedHashMap<>();
        config.object("maxAgeByPredicateType", false).ifPresent(types -> {
            types.object().forEach((type, value) -> {
                if (!(value instanceof String text)) {
                    types.problem(types.pointer(type), ConfigProblem.BAD_TYPE, "must be an ISO-8601 duration string");
                } else {
                    types.duration(text, types.pointer(type)).ifPresent(d -> byType.put(type, d));
                }
            });
        });
        Set<TimeSource> sources = sources(config);
        Duration skew = skew(config);
        NewerThan newerThan = config.object("newerThan", false).map(n -> {
            n.only("predicateType", "required");
            return new NewerThan(n.string("predicateType", true).orElse(""), n.bool("required", false).orElse(true));
        }).orElse(null);
        if (!config.has("maxAge") && !config.has("maxAgeByPredicateType") && !config.has("newerThan")) {
            config.problem(config.pointer("maxAge"), ConfigProblem.MISSING_MEMBER,
                    "give 'maxAge', 'maxAgeByPredicateType' or 'newerThan'");
        }
        return new Settings(maxAge, Map.copyOf(byType), sources, skew, newerThan);
    }

    private static Set<TimeSource> sources(ConfigReader config) {
        Optional<List<String>> names = config.names("timeSources", false);
        if (names.isEmpty()) {
            return DEFAULT_SOURCES;
        }
        Set<TimeSource> sources = EnumSet.noneOf(TimeSource.class);
        for (int i = 0; i < names.get().size(); i++) {
            try {
                TimeSource source = TimeSource.fromWireName(names.get().get(i));
                if (source == TimeSource.NONE) {
                    throw new IllegalArgumentException("'none' is the absence of a trusted time, not a source");
                }
                sources.add(source);
            } catch (IllegalArgumentException e) {
                config.problem(config.pointer("timeSources", i), ConfigProblem.BAD_VALUE, e.getMessage());
            }
        }
        return sources;
    }

    static Duration skew(ConfigReader config) {
        return config.duration("maxClockSkew", false, true).orElse(DEFAULT_SKEW);
    }

    @Override
    void check(Settings settings, ConfigReader config, PolicyEnvironment environment) {
        // nothing the environment knows: predicate types and time sources are checked while reading
    }

    @Override
    Decision decide(VerificationContext context, Settings settings) {
        String predicateType = context.statement().predicateType();
        Duration limit = settings.limitFor(predicateType);
        TrustedTime time = context.trustedTime();
        Map<String, Object> evidence = Evidence.map("time", Evidence.time(context), "predicateType", predicateType,
                "maxAge", limit, "maxClockSkew", settings.skew(),
                "acceptedSources", settings.sources().stream().map(TimeSource::wireName).sorted().toList());
        if (limit == null && settings.newerThan() == null) {
            return notApplicable("no maximum age is set for predicate type " + predicateType, evidence);
        }
        if (!time.present()) {
            return fail("no trusted time: the attestation's age cannot be established", evidence);
        }
        if (!settings.sources().contains(time.source())) {
            return fail("the trusted time comes from " + time.source().wireName() + ", which this rule does not accept"
                    + " (accepted: " + evidence.get("acceptedSources") + ")", evidence);
        }
        Instant now = context.verificationTime();
        if (time.instant().isAfter(now.plus(settings.skew()))) {
            return fail("the trusted time " + time.instant() + " is " + Duration.between(now, time.instant())
                    + " after the verification time, beyond the allowed clock skew " + settings.skew(), evidence);
        }
        Duration age = time.instant().isAfter(now) ? Duration.ZERO : Duration.between(time.instant(), now);
        evidence.put("age", age);
        if (limit != null && age.compareTo(limit) > 0) {
            return fail("the attestation is " + age + " old (trusted time " + time.instant() + " from "
                    + time.source().wireName() + "), older than the maximum " + limit + " for " + predicateType,
                    evidence);
        }
        String newer = "";
        if (settings.newerThan() != null) {
            List<Map<String, Object>> compared = new ArrayList<>();
            evidence.put("newerThan", Evidence.map("predicateType", settings.newerThan().predicateType(),
                    "required", settings.newerThan().required(), "compared", compared));
            Optional<String> stale = newerThan(context, settings.newerThan(), compared);
            if (stale.isPresent()) {
                return fail(stale.get(), evidence);
            }
            newer = "; newer than every " + settings.newerThan().predicateType() + " attestation about its subjects";
        }
        return pass("the attestation is " + age + " old (trusted time " + time.instant() + " from "
                + time.source().wireName() + ")" + (limit == null ? "" : ", within " + limit) + newer, evidence);
    }

    /** @return why the attestation is not newer, if it is not */
    private static Optional<String> newerThan(VerificationContext context, NewerThan rule,
                                              List<Map<String, Object>> compared) {
        Instant own = context.trustedTime().instant();
        for (Subject subject : context.statement().subjects()) {
            Optional<RelatedAttestation> newest = newest(context, rule.predicateType(), subject);
            String label = subject.name().isEmpty() ? subject.digests().get(0).toString() : subject.name();
            if (newest.isEmpty()) {
                compared.add(Evidence.map("subject", label, "found", false));
                if (rule.required()) {
                    return Optional.of("no " + rule.predicateType() + " attestation exists about subject " + label
                            + " to be newer than");
                }
                continue;
            }
            RelatedAttestation other = newest.get();
            compared.add(Evidence.map("subject", label, "found", true, "envelopeDigest", other.envelopeDigest(),
                    "trustedTime", Evidence.trustedTime(other.trustedTime())));
            if (!other.trustedTime().present()) {
                return Optional.of("the newest " + rule.predicateType() + " attestation about " + label + " ("
                        + other.envelopeDigest() + ") has no trusted time, so the order cannot be established");
            }
            if (!own.isAfter(other.trustedTime().instant())) {
                return Optional.of("the attestation (trusted time " + own + ") is not newer than the "
                        + rule.predicateType() + " attestation " + other.envelopeDigest() + " about " + label
                        + " (trusted time " + other.trustedTime().instant() + " from "
                        + other.trustedTime().source().wireName() + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<RelatedAttestation> newest(VerificationContext context, String type, Subject subject) {
        RelatedAttestation newest = null;
        for (Digest digest : subject.digests()) {
            Optional<RelatedAttestation> found = context.lookup().newest(type, digest);
            if (found.isPresent() && (newest == null || later(found.get(), newest))) {
                newest = found.get();
            }
        }
        return Optional.ofNullable(newest);
    }

    /** An attestation without trusted time wins: it cannot be shown to be older, so it must not hide. */
    private static boolean later(RelatedAttestation a, RelatedAttestation b) {
        boolean aTimed = a.trustedTime().present();
        if (aTimed != b.trustedTime().present()) {
            return !aTimed;
        }
        int order = aTimed ? a.trustedTime().instant().compareTo(b.trustedTime().instant()) : 0;
        return order > 0 || (order == 0 && a.envelopeDigest().compareTo(b.envelopeDigest()) < 0);
    }
}
