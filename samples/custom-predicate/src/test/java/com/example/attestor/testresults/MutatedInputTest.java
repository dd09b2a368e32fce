package com.example.attestor.testresults;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * A handler must never throw for bad input. Thousands of seeded random edits of the sample documents (members
 * removed, replaced by values of every JSON kind and odd numbers, arrays emptied or grown) must each yield a result
 * whose errors are located inside the predicate, or valid flat facts.
 */
class MutatedInputTest {

    private static final long SEED = 20260301L;
    private static final int MUTATIONS = 4_000;
    private static final List<String> SAMPLES = List.of("passing-run.json", "failing-run.json", "minimal-run.json");

    @Test
    void neverThrowsAndLocatesEveryErrorInsideThePredicate() {
        Random random = new Random(SEED);
        List<SampleStatements> samples = SAMPLES.stream().map(SampleStatements::load).toList();
        List<Map<String, Object>> originals = samples.stream().map(s -> s.statement().predicate()).toList();
        Map<Class<?>, Integer> outcomes = new LinkedHashMap<>();
        for (RuleSet ruleSet : RuleSet.values()) {
            TestResultsHandler handler = new TestResultsHandler(ruleSet);
            for (int i = 0; i < MUTATIONS; i++) {
                int pick = random.nextInt(samples.size());
                SampleStatements sample = samples.get(pick);
                Map<String, Object> predicate = mutableCopy(originals.get(pick));
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    mutate(predicate, random);
                }
                int mutation = i;
                PredicateResult result = check(handler, sample.statement(predicate),
                        () -> ruleSet + " mutation " + mutation + ": " + abbreviate(predicate.toString()));
                outcomes.merge(result.getClass(), 1, Integer::sum);
            }
        }
        // the edits must exercise both paths, or the test proves little
        assertTrue(outcomes.getOrDefault(PredicateResult.Valid.class, 0) > 100
                && outcomes.getOrDefault(PredicateResult.Invalid.class, 0) > 100, outcomes::toString);
    }

    private static PredicateResult check(TestResultsHandler handler, Statement statement, Supplier<String> what) {
        PredicateResult result;
        try {
            result = handler.validate(statement);
        } catch (RuntimeException e) {
            throw new AssertionError("threw for " + what.get(), e);
        }
        assertNotNull(result, what);
        if (result instanceof PredicateResult.Invalid invalid) {
            for (ValidationError error : invalid.errors()) {
                assertTrue(error.pointer().startsWith("/predicate"), () -> error + " for " + what.get());
            }
        } else if (result instanceof PredicateResult.Valid valid) {
            valid.facts().forEach((name, value) -> assertTrue(value instanceof String || value instanceof Long
                    || value instanceof Boolean || value instanceof List<?>, () -> name + " for " + what.get()));
        } else {
            fail("unknown result " + result);
        }
        return result;
    }

    /** Picks a random object or array in the tree and edits one of its members or elements. */
    @SuppressWarnings("unchecked")
    private static void mutate(Map<String, Object> root, Random random) {
        Object container = root;
        int depth = random.nextInt(4);
        for (int d = 0; d < depth; d++) {
            Object child = randomChild(container, random);
            if (child instanceof Map<?, ?> || child instanceof List<?> list && !list.isEmpty()) {
                container = child;
            }
        }
        if (container instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            List<String> keys = new ArrayList<>(object.keySet());
            String key = keys.isEmpty() || random.nextInt(8) == 0 ? "extra" + random.nextInt(3)
                    : keys.get(random.nextInt(keys.size()));
            if (random.nextInt(4) == 0) {
                object.remove(key);
            } else {
                object.put(key, oddValue(random));
            }
        } else if (container instanceof List<?> list) {
            List<Object> array = (List<Object>) list;
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(array.get(index));
                default -> array.set(index, oddValue(random));
            }
        }
    }

    private static Object randomChild(Object container, Random random) {
        if (container instanceof Map<?, ?> map && !map.isEmpty()) {
            return new ArrayList<>(map.values()).get(random.nextInt(map.size()));
        }
        if (container instanceof List<?> list && !list.isEmpty()) {
            return list.get(random.nextInt(list.size()));
        }
        return null;
    }

    private static Object oddValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> " ";
            case 3 -> "x".repeat(300);
            case 4 -> "failed";
            case 5 -> "2026-13-45T99:99:99Z";
            case 6 -> "+999999999-12-31T23:59:59Z";
            case 7 -> "0000-01-01T00:00:00Z";
            case 8 -> "9999-12-31T23:59:59.999999999-18:00";
            case 9 -> BigInteger.TWO.pow(80);
            case 10 -> new BigDecimal("1e1000000000");
            case 11 -> new BigDecimal("-0.5");
            case 12 -> BigInteger.valueOf(-1);
            case 13 -> BigInteger.valueOf(random.nextInt(5));
            case 14 -> Double.NaN;
            case 15 -> Long.MAX_VALUE;
            case 16 -> Boolean.valueOf(random.nextBoolean());
            case 17 -> new LinkedHashMap<String, Object>();
            case 18 -> new ArrayList<Object>();
            case 19 -> new ArrayList<Object>(List.of(new LinkedHashMap<String, Object>(Map.of("name", "t",
                    "result", "failed")), "loose string"));
            case 20 -> new LinkedHashMap<String, Object>(Map.of("name", "n", "version", BigInteger.ONE));
            default -> "::not a uri::";
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T mutableCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(mutableCopy(v)));
            return (T) copy;
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
}
