package org.stellaops.attestor.api.policy;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the deployment knows, for validating policy documents: the key references, key sets (trust roots),
 * transparency logs and witnesses a policy may name. The platform builds one per tenant; a reference to anything
 * else is a validation error, so that a typo cannot silently make a rule unsatisfiable.
 *
 * <p>Immutable. Built with {@link #builder()}.
 */
public final class PolicyEnvironment {

    private static final PolicyEnvironment EMPTY = builder().build();

    private final Set<String> keys;
    private final Map<String, Set<String>> keySets;
    private final Set<String> logs;
    private final Set<String> witnesses;

    private PolicyEnvironment(Builder b) {
        this.keys = Set.copyOf(b.keys);
        Map<String, Set<String>> sets = new TreeMap<>();
        b.keySets.forEach((name, members) -> sets.put(name, Set.copyOf(members)));
        this.keySets = Map.copyOf(sets);
        this.logs = Set.copyOf(b.logs);
        this.witnesses = Set.copyOf(b.witnesses);
    }

    /** @return an environment that knows nothing */
    public static PolicyEnvironment empty() {
        return EMPTY;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every known key reference: names, key ids and {@code sha256:<spki hex>} forms */
    public Set<String> keys() {
        return keys;
    }

    /** @return the key sets (trust roots) by name, each with the names of its member keys */
    public Map<String, Set<String>> keySets() {
        return keySets;
    }

    /** @return every known log reference: origins and log ids */
    public Set<String> logs() {
        return logs;
    }

    /** @return every known witness name */
    public Set<String> witnesses() {
        return witnesses;
    }

    /**
     * @param ref a key reference
     * @return whether it names a known key
     */
    public boolean knowsKey(String ref) {
        return keys.contains(ref);
    }

    /**
     * @param name a key-set name
     * @return its member key names, if the set is known
     */
    public Optional<Set<String>> keySet(String name) {
        return Optional.ofNullable(keySets.get(name));
    }

    /**
     * @param ref a log reference
     * @return whether it names a known log
     */
    public boolean knowsLog(String ref) {
        return logs.contains(ref);
    }

    /**
     * @param name a witness name
     * @return whether the witness is known
     */
    public boolean knowsWitness(String name) {
        return witnesses.contains(name);
    }

    /** Collects an environment. Not thread-safe. */
    public static final class Builder {
        private final Set<String> keys = new TreeSet<>();
        private final Map<String, Set<String>> keySets = new TreeMap<>();
        private final Set<String> logs = new TreeSet<>();
        private final Set<String> witnesses = new TreeSet<>();

        private Builder() {
        }

        /**
         * @param refs references that name known keys (names, key ids, {@code sha256:<spki hex>})
         * @return this
         */
        public Builder keys(String... refs) {
            for (String ref : refs) {
                keys.add(Objects.requireNonNull(ref, "ref"));
            }
            return this;
        }

        /**
         * Adds a key set; its members become known key references too.
         *
         * @param name the set's name
         * @param members the names of its keys
         * @return this
         */
        public Builder keySet(String name, Collection<String> members) {
            Objects.requireNonNull(name, "name");
            Set<String> set = keySets.computeIfAbsent(name, n -> new TreeSet<>());
            for (String member : members) {
                set.add(Objects.requireNonNull(member, "member"));
                keys.add(member);
            }
            return this;
        }

        /**
         * @param refs log origins or ids
         * @return this
         */
        public Builder logs(String... refs) {
            for (String ref : refs) {
                logs.add(Objects.requireNonNull(ref, "ref"));
            }
            return this;
        }

        /**
         * @param names witness names
         * @return this
         */
        public Builder witnesses(String... names) {
            for (String name : names) {
                witnesses.add(Objects.requireNonNull(name, "name"));
            }
            return this;
        }

        /** @return the environment */
        public PolicyEnvironment build() {
            return new PolicyEnvironment(this);
        }
    }
}
