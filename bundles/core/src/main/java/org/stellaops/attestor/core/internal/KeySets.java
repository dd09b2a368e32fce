package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.store.Tenants;

/**
 * Named groups of trusted keys that policies refer to ({@code keySets} of the {@code issuer} and
 * {@code signatureThreshold} rules), configured by {@code policyKeySets} of the core: each entry is
 * {@code [<tenant>/]<set>=<key name>[,<key name>…]}. Without a tenant the set exists in every tenant; with one it
 * exists only there (and a tenant's own definition of a set replaces the one for every tenant). Members are key
 * names, resolved within the tenant's own keys and the shared keys it trusts.
 */
final class KeySets {

    private static final Logger LOG = LoggerFactory.getLogger(KeySets.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, Set<String>> everyTenant;
    private final Map<String, Map<String, Set<String>>> perTenant;

    private KeySets(Map<String, Set<String>> everyTenant, Map<String, Map<String, Set<String>>> perTenant) {
        this.everyTenant = everyTenant;
        this.perTenant = perTenant;
    }

    /**
     * Parses the configuration; a malformed entry is logged and left out rather than stopping the service.
     *
     * @param entries the configured entries (null: none)
     * @return the key sets
     */
    static KeySets parse(String[] entries) {
        Map<String, Set<String>> every = new TreeMap<>();
        Map<String, Map<String, Set<String>>> tenants = new TreeMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String problem = add(entry.strip(), every, tenants);
            if (problem != null) {
                LOG.error("ignoring policyKeySets entry '{}': {}", entry, problem);
            }
        }
        return new KeySets(every, tenants);
    }

    private static String add(String entry, Map<String, Set<String>> every,
                              Map<String, Map<String, Set<String>>> tenants) {
        int equals = entry.indexOf('=');
        if (equals < 0) {
            return "expected [<tenant>/]<set>=<key name>[,<key name>...]";
        }
        String head = entry.substring(0, equals).strip();
        int slash = head.indexOf('/');
        String tenant = slash < 0 ? null : head.substring(0, slash);
        String set = slash < 0 ? head : head.substring(slash + 1);
        if (tenant != null && !Tenants.isName(tenant)) {
            return "'" + tenant + "' is not a tenant name";
        }
        if (!NAME.matcher(set).matches()) {
            return "'" + set + "' is not a key-set name (1-128 of A-Z a-z 0-9 . _ -)";
        }
        Set<String> members = new TreeSet<>();
        for (String member : entry.substring(equals + 1).split(",")) {
            if (!member.isBlank()) {
                members.add(member.strip());
            }
        }
        Map<String, Set<String>> target = tenant == null ? every : tenants.computeIfAbsent(tenant,
                t -> new TreeMap<>());
        target.computeIfAbsent(set, s -> new TreeSet<>()).addAll(members);
        return null;
    }

    /**
     * @param tenant a tenant
     * @return its key sets by name, each with its member key names
     */
    Map<String, Set<String>> of(String tenant) {
        Map<String, Set<String>> sets = new TreeMap<>(everyTenant);
        sets.putAll(perTenant.getOrDefault(tenant, Map.of()));
        return sets;
    }

    /**
     * @param tenant a tenant
     * @param keyName a key name
     * @return the names of the tenant's sets that list the key, sorted
     */
    List<String> containing(String tenant, String keyName) {
        List<String> names = new ArrayList<>();
        of(tenant).forEach((set, members) -> {
            if (members.contains(keyName)) {
                names.add(set);
            }
        });
        return names;
    }
}
