package org.stellaops.attestor.policy.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.policy.ConfigProblem;

/**
 * One condition over the facts a predicate handler extracted. Facts are flat: dotted names, scalar (string, integer,
 * boolean) or list-of-string values; a list that hit the handler's cap also has {@code <name>.truncated = true}.
 *
 * @param fact the fact name
 * @param op the operator
 * @param value the operand (absent for {@code exists} and {@code absent})
 */
record FactCondition(String fact, String op, Object value) {

    static final Set<String> OPS = Set.of("eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "notContains",
            "exists", "absent");
    private static final Set<String> ORDERING = Set.of("lt", "le", "gt", "ge");
    private static final Pattern FACT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,255}");

    /**
     * The outcome of one condition.
     *
     * @param holds whether it holds
     * @param detail why, in words
     */
    record Outcome(boolean holds, String detail) {
    }

    /**
     * @param condition a reader over one condition object
     * @return the condition (meaningful only when no problem was recorded)
     */
    static FactCondition read(ConfigReader condition) {
        condition.only("fact", "op", "value");
        String fact = condition.string("fact", true, FACT, "a fact name (dotted, e.g. scan.severity.critical)")
                .orElse("");
        String op = condition.string("op", true).orElse("");
        if (!op.isEmpty() && !OPS.contains(op)) {
            condition.problem(condition.pointer("op"), ConfigProblem.BAD_VALUE, "unknown operator '" + op
                    + "'; use one of " + OPS.stream().sorted().toList());
        }
        Object value = condition.object().get("value");
        operand(condition, op, value);
        return new FactCondition(fact, op, value);
    }

    private static void operand(ConfigReader condition, String op, Object value) {
        String at = condition.pointer("value");
        boolean given = condition.has("value");
        switch (op) {
            case "exists", "absent" -> {
                if (given) {
                    condition.problem(at, ConfigProblem.UNKNOWN_MEMBER, "'" + op + "' takes no value");
                }
            }
            case "eq", "ne" -> require(condition, given && scalar(value), at, "a string, number or boolean");
            case "lt", "le", "gt", "ge" -> require(condition, given && value instanceof Number, at, "a number");
            case "contains", "notContains" -> require(condition, given && value instanceof String, at, "a string");
            case "in" -> require(condition, given && value instanceof List<?> list && !list.isEmpty()
                    && list.stream().allMatch(FactCondition::scalar), at, "a non-empty array of strings, numbers or"
                    + " booleans");
            default -> {
                // unknown operator: already reported
            }
        }
    }

    private static void require(ConfigReader condition, boolean ok, String at, String what) {
        if (!ok) {
            condition.problem(at, condition.has("value") ? ConfigProblem.BAD_TYPE : ConfigProblem.MISSING_MEMBER,
                    "the operator needs " + what);
        }
    }

    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** @return the condition in words, e.g. {@code scan.severity.critical eq 0} */
    String text() {
        return fact + " " + op + (value == null ? "" : " " + value);
    }

    /**
     * @param facts the handler's facts
     * @return whether the condition holds; a missing fact holds only for {@code absent}
     */
    Outcome test(Map<String, Object> facts) {
        Object actual = facts.get(fact);
        boolean truncated = Boolean.TRUE.equals(facts.get(fact + ".truncated"));
        if (op.equals("exists") || op.equals("absent")) {
            boolean present = actual != null;
            return new Outcome(present == op.equals("exists"), "fact " + fact + (present ? " is present"
                    : " is absent"));
        }
        if (actual == null) {
            return new Outcome(false, "fact " + fact + " is missing");
        }
        if (op.equals("contains") || op.equals("notContains")) {
            return membership(actual, truncated);
        }
        if (actual instanceof List) {
            return new Outcome(false, "fact " + fact + " is a list; use contains or notContains");
        }
        if (op.equals("in")) {
            boolean any = ((List<?>) value).stream().anyMatch(v -> equal(actual, v) == Boolean.TRUE);
            return new Outcome(any, "fact " + fact + " is " + actual + (any ? ", one of " : ", not one of ") + value);
        }
        if (ORDERING.contains(op)) {
            return ordering(actual);
        }
        Boolean equal = equal(actual, value);
        if (equal == null) {
            return new Outcome(false, "fact " + fact + " is " + Tree.typeName(actual) + " " + actual
                    + ", which cannot be compared with " + Tree.typeName(value) + " " + value);
        }
        boolean holds = op.equals("eq") == equal;
        return new Outcome(holds, "fact " + fact + " is " + actual);
    }

    private Outcome membership(Object actual, boolean truncated) {
        if (!(actual instanceof List<?> list)) {
            return new Outcome(false, "fact " + fact + " is not a list");
        }
        boolean found = list.contains(value);
        if (found) {
            return new Outcome(op.equals("contains"), "fact " + fact + " contains " + value);
        }
        if (truncated) {
            return new Outcome(false, "fact " + fact + " was truncated by its handler, so whether it contains "
                    + value + " is unknown");
        }
        return new Outcome(op.equals("notContains"), "fact " + fact + " does not contain " + value);
    }

    private Outcome ordering(Object actual) {
        BigDecimal a = decimal(actual);
        if (a == null) {
            return new Outcome(false, "fact " + fact + " is " + Tree.typeName(actual) + " " + actual
                    + ", not a number");
        }
        int c = a.compareTo(decimal(value));
        boolean holds = switch (op) {
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            default -> c >= 0;
        };
        return new Outcome(holds, "fact " + fact + " is " + actual);
    }

    /** @return whether equal, or null when the types cannot be compared */
    private static Boolean equal(Object a, Object b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x != null || y != null) {
            return x != null && y != null ? (Boolean) (x.compareTo(y) == 0) : null;
        }
        if (a.getClass() != b.getClass()) {
            return null;
        }
        return a.equals(b);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }
}
