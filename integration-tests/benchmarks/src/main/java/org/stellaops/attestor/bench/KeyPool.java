package org.stellaops.attestor.bench;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Key pairs shared by all benchmark states of one JVM. RSA-3072 generation takes up to a second per key, and a
 * trusted set of ten keys is set up for several parameter combinations, so keys are generated once and reused.
 */
public final class KeyPool {

    private static final Map<BenchAlgorithm, List<KeyPair>> KEYS = new EnumMap<>(BenchAlgorithm.class);

    private KeyPool() {
    }

    /**
     * Returns {@code count} distinct key pairs of one kind, generating the missing ones.
     *
     * @param algorithm the key kind
     * @param count how many keys, at least 1
     * @return an unmodifiable list of {@code count} distinct key pairs, the same pairs on every call
     */
    public static synchronized List<KeyPair> keys(BenchAlgorithm algorithm, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        List<KeyPair> pool = KEYS.computeIfAbsent(algorithm, a -> new ArrayList<>());
        if (pool.size() < count) {
            // RSA-3072 generation is a prime search of up to seconds per key: use every core.
            pool.addAll(IntStream.range(pool.size(), count).parallel().mapToObj(i -> algorithm.generate()).toList());
        }
        return List.copyOf(pool.subList(0, count));
    }
}
