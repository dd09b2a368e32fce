package org.stellaops.attestor.policy.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.policy.PolicyRule;
import org.stellaops.attestor.policy.RuleTypeInfo;

/**
 * The rule types a policy may use: the built-in ones, plus {@link PolicyRule} services as they come and go. Every
 * validation and evaluation works on one {@link #snapshot()}, so a rule service leaving in the middle of an
 * evaluation does not change what that evaluation sees.
 */
final class RuleRegistry {

    /** Custom types must contain a dot; names without one are reserved for built-in types. */
    private static final Pattern CUSTOM_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
    private static final int MAX_TYPE_LENGTH = 64;

    /**
     * One usable rule type.
     *
     * @param rule the implementation
     * @param builtin whether it is built in
     * @param provider {@code builtin} or {@code <symbolic name>/<version>}
     */
    record Registered(PolicyRule rule, boolean builtin, String provider) {
    }

    private record Service(String type, PolicyRule rule, String provider, int ranking, long id) {
    }

    private static final Comparator<Service> PREFERENCE = Comparator.comparingInt(Service::ranking).reversed()
            .thenComparingLong(Service::id);

    private final Map<String, Registered> builtins = new LinkedHashMap<>();
    private final Map<Long, Service> services = new ConcurrentHashMap<>();

    RuleRegistry() {
        for (PolicyRule rule : List.of(new IssuerRule(), new ThresholdRule(), new FreshnessRule(),
                new TransparencyRule(), new WitnessQuorumRule(), new PredicateRule(), new SubjectRule())) {
            builtins.put(rule.type(), new Registered(rule, true, "builtin"));
        }
    }

    /**
     * Adds a rule service. A service whose type is not a valid custom type name (no dot, too long, a built-in name)
     * is not added.
     *
     * @param rule the service
     * @param provider its bundle's {@code <symbolic name>/<version>}
     * @param ranking its {@code service.ranking}
     * @param serviceId its {@code service.id}
     * @return whether it was added
     */
    boolean add(PolicyRule rule, String provider, int ranking, long serviceId) {
        String type = rule.type();
        if (!validCustomType(type)) {
            return false;
        }
        services.put(serviceId, new Service(type, rule, Objects.requireNonNull(provider), ranking, serviceId));
        return true;
    }

    /**
     * @param serviceId the {@code service.id} of a service added before
     */
    void remove(long serviceId) {
        services.remove(serviceId);
    }

    /**
     * @param type a type name
     * @return whether a service may provide it
     */
    static boolean validCustomType(String type) {
        return type != null && type.length() <= MAX_TYPE_LENGTH && CUSTOM_TYPE.matcher(type).matches();
    }

    /** @return the usable types now: built-in ones first, then custom ones by name (the preferred service each) */
    Map<String, Registered> snapshot() {
        Map<String, Registered> snapshot = new LinkedHashMap<>(builtins);
        Map<String, Service> best = new TreeMap<>();
        for (Service service : new ArrayList<>(services.values())) {
            best.merge(service.type(), service, (a, b) -> PREFERENCE.compare(a, b) <= 0 ? a : b);
        }
        best.forEach((type, s) -> snapshot.put(type, new Registered(s.rule(), false, s.provider())));
        return snapshot;
    }

    /** @return the usable types, described */
    List<RuleTypeInfo> describe() {
        List<RuleTypeInfo> infos = new ArrayList<>();
        snapshot().forEach((type, r) -> {
            try {
                infos.add(new RuleTypeInfo(type, r.builtin(), r.provider(), r.rule().description(),
                        r.rule().configSchema()));
            } catch (RuntimeException e) {
                // a plugin that cannot describe itself is still listed, with the failure, so it can be found
                infos.add(new RuleTypeInfo(type, false, r.provider(), "cannot describe itself: " + e, "{}"));
            }
        });
        return infos;
    }
}
