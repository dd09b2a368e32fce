package org.stellaops.attestor.policy.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.policy.TrustedTime;
import org.stellaops.attestor.api.policy.VerificationContext;

/**
 * Evidence maps: building them without nulls, and normalising what rules return into a plain JSON tree (maps with
 * sorted keys, lists, strings, booleans, integers and decimals) so that reports are deterministic.
 */
final class Evidence {

    private Evidence() {
    }

    /**
     * @param keysAndValues alternating keys and values; pairs with a null value are left out
     * @return a mutable map in the given order
     */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /**
     * @param context a context
     * @return the time evidence every time-dependent rule reports: the trusted time and its source, the time
     *         signatures were judged at, and the verification time
     */
    static Map<String, Object> time(VerificationContext context) {
        return map("trustedTime", trustedTime(context.trustedTime()), "judgedAt", context.signingTime(),
                "verificationTime", context.verificationTime());
    }

    /**
     * @param time a trusted time
     * @return {@code {instant, source, detail}}
     */
    static Map<String, Object> trustedTime(TrustedTime time) {
        return map("instant", time.instant(), "source", time.source().wireName(),
                "detail", time.detail().isEmpty() ? null : time.detail());
    }

    /**
     * @param evidence what a rule returned
     * @return the normalised tree, read-only
     * @throws IllegalArgumentException for a value of a type reports cannot hold, a null list element, a non-finite
     *         number or a map key that is not a string
     */
    static Map<String, Object> normalize(Map<?, ?> evidence) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> entry : evidence.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("evidence keys must be strings, not " + entry.getKey());
            }
            if (entry.getValue() != null) {
                out.put(key, value(entry.getValue()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("evidence lists must not hold null");
        }
        if (value instanceof Map<?, ?> map) {
            return normalize(map);
        }
        if (value instanceof Set<?> set) {
            // a set has no order of its own: sort by the canonical text of each element
            List<Object> elements = new ArrayList<>();
            set.forEach(e -> elements.add(value(e)));
            elements.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
            return Collections.unmodifiableList(elements);
        }
        if (value instanceof Collection<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            list.forEach(e -> elements.add(value(e)));
            return Collections.unmodifiableList(elements);
        }
        return scalar(value);
    }

    private static Object scalar(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("evidence numbers must be finite");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof Instant || value instanceof Duration || value instanceof Digest) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        throw new IllegalArgumentException("evidence cannot hold a " + value.getClass().getName());
    }
}
