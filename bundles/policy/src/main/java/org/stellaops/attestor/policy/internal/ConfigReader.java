package org.stellaops.attestor.policy.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.policy.ConfigProblem;

/**
 * Reads one JSON object of a plain tree member by member, recording a located {@link ConfigProblem} for every
 * member that is missing, of the wrong type or out of range. Readers return empty for a bad or absent member, so a
 * caller can read on and report every problem at once.
 */
final class ConfigReader {

    /** Names (ids, rule types, key references): printable, no spaces, 1 to 256 characters. */
    static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,256}");

    private final Map<String, Object> object;
    private final String base;
    private final List<ConfigProblem> problems;

    ConfigReader(Map<String, Object> object, String base, List<ConfigProblem> problems) {
        this.object = object;
        this.base = base;
        this.problems = problems;
    }

    /**
     * @param config a configuration object
     * @param problems where problems go, with pointers relative to the object
     * @return a reader at the root
     */
    static ConfigReader of(Map<String, Object> config, List<ConfigProblem> problems) {
        return new ConfigReader(config, "", problems);
    }

    /**
     * @param nested an object inside this one
     * @param pointer its pointer
     * @return a reader for it that records into the same problem list
     */
    ConfigReader child(Map<String, Object> nested, String pointer) {
        return new ConfigReader(nested, pointer, problems);
    }

    /** @return the object read */
    Map<String, Object> object() {
        return object;
    }

    /**
     * @param member a member name
     * @return the member's pointer
     */
    String pointer(String member) {
        return Pointers.append(base, member);
    }

    /** @return the object's own pointer */
    String base() {
        return base;
    }

    /**
     * Records a problem.
     *
     * @param pointer where
     * @param code which
     * @param message what
     */
    void problem(String pointer, String code, String message) {
        problems.add(new ConfigProblem(pointer, code, message));
    }

    /** @return the problems so far (of every reader sharing the list) */
    int problemCount() {
        return problems.size();
    }

    /**
     * Records every member not in {@code allowed}.
     *
     * @param allowed the member names the object may have
     */
    void only(String... allowed) {
        Set<String> names = new HashSet<>(Arrays.asList(allowed));
        for (String member : object.keySet()) {
            if (!names.contains(member)) {
                problem(pointer(member), ConfigProblem.UNKNOWN_MEMBER, "unknown member '" + member
                        + "'; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /**
     * @param member a name
     * @return whether the object has it (even as null)
     */
    boolean has(String member) {
        return object.containsKey(member);
    }

    private Optional<Object> member(String member, boolean required) {
        if (!object.containsKey(member)) {
            if (required) {
                problem(pointer(member), ConfigProblem.MISSING_MEMBER, "required member '" + member + "' is missing");
            }
            return Optional.empty();
        }
        Object value = object.get(member);
        if (value == null) {
            problem(pointer(member), ConfigProblem.BAD_TYPE, "must not be null");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private <T> Optional<T> typed(String member, boolean required, Class<T> type, String expected) {
        Optional<Object> value = member(member, required);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!type.isInstance(value.get())) {
            problem(pointer(member), ConfigProblem.BAD_TYPE, "must be " + expected + ", not "
                    + Tree.typeName(value.get()));
            return Optional.empty();
        }
        return Optional.of(type.cast(value.get()));
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @return the non-empty string
     */
    Optional<String> string(String member, boolean required) {
        Optional<String> value = typed(member, required, String.class, "a string");
        if (value.isPresent() && value.get().isEmpty()) {
            problem(pointer(member), ConfigProblem.BAD_VALUE, "must not be empty");
            return Optional.empty();
        }
        return value;
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @param pattern what the string must match
     * @param what how to describe the pattern in a message
     * @return the string, if it matches
     */
    Optional<String> string(String member, boolean required, Pattern pattern, String what) {
        Optional<String> value = string(member, required);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            problem(pointer(member), ConfigProblem.BAD_VALUE, "must be " + what);
            return Optional.empty();
        }
        return value;
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @return the boolean
     */
    Optional<Boolean> bool(String member, boolean required) {
        return typed(member, required, Boolean.class, "a boolean");
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @param min smallest allowed value
     * @param max largest allowed value
     * @return the integer
     */
    OptionalLong integer(String member, boolean required, long min, long max) {
        Optional<Object> value = member(member, required);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!(value.get() instanceof Long n)) {
            problem(pointer(member), ConfigProblem.BAD_TYPE, "must be an integer between " + min + " and " + max
                    + ", not " + Tree.typeName(value.get()));
            return OptionalLong.empty();
        }
        if (n < min || n > max) {
            problem(pointer(member), ConfigProblem.BAD_VALUE, "must be between " + min + " and " + max + ", not " + n);
            return OptionalLong.empty();
        }
        return OptionalLong.of(n);
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @return the positive ISO-8601 duration ({@code PT24H}, {@code P7D}, {@code PT90S} …)
     */
    Optional<Duration> duration(String member, boolean required) {
        return duration(member, required, false);
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @param zeroAllowed whether {@code PT0S} is allowed
     * @return the ISO-8601 duration, positive (or zero when allowed)
     */
    Optional<Duration> duration(String member, boolean required, boolean zeroAllowed) {
        Optional<String> text = string(member, required);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return duration(text.get(), pointer(member), zeroAllowed);
    }

    /**
     * @param text a duration text
     * @param pointer where it is
     * @return the positive duration
     */
    Optional<Duration> duration(String text, String pointer) {
        return duration(text, pointer, false);
    }

    private Optional<Duration> duration(String text, String pointer, boolean zeroAllowed) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
                problem(pointer, ConfigProblem.BAD_VALUE, "must be a positive duration, not " + text);
                return Optional.empty();
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            problem(pointer, ConfigProblem.BAD_VALUE, "must be an ISO-8601 duration such as PT24H or P7D, not '"
                    + text + "'");
            return Optional.empty();
        }
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @return a reader for the nested object
     */
    @SuppressWarnings("unchecked")
    Optional<ConfigReader> object(String member, boolean required) {
        return typed(member, required, Map.class, "an object")
                .map(map -> new ConfigReader((Map<String, Object>) map, pointer(member), problems));
    }

    /**
     * @param member a name
     * @param required whether its absence is a problem
     * @param nonEmpty whether an empty array is a problem
     * @return the array
     */
    @SuppressWarnings("unchecked")
    Optional<List<Object>> array(String member, boolean required, boolean nonEmpty) {
        Optional<List<Object>> list = typed(member, required, List.class, "an array").map(l -> (List<Object>) l);
        if (list.isPresent() && nonEmpty && list.get().isEmpty()) {
            problem(pointer(member), ConfigProblem.BAD_VALUE, "must not be empty");
            return Optional.empty();
        }
        return list;
    }

    /**
     * Reads an array of distinct, non-empty names.
     *
     * @param member a name
     * @param required whether its absence is a problem
     * @return the names in document order, if every element is a distinct name (a repeat is reported where it is)
     */
    Optional<List<String>> names(String member, boolean required) {
        Optional<List<Object>> list = array(member, required, true);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        int before = problemCount();
        for (int i = 0; i < list.get().size(); i++) {
            Object element = list.get().get(i);
            String at = Pointers.append(pointer(member), i);
            if (!(element instanceof String s)) {
                problem(at, ConfigProblem.BAD_TYPE, "must be a string, not " + Tree.typeName(element));
            } else if (!NAME.matcher(s).matches()) {
                problem(at, ConfigProblem.BAD_VALUE, "must be 1 to 256 printable characters without spaces");
            } else if (!seen.add(s)) {
                problem(at, ConfigProblem.DUPLICATE, "'" + s + "' is listed twice");
            }
        }
        return problemCount() == before ? Optional.of(new ArrayList<>(seen)) : Optional.empty();
    }

    /**
     * @param member a name
     * @param index an element index
     * @return the pointer of that element of that member
     */
    String pointer(String member, int index) {
        return Pointers.append(pointer(member), index);
    }
}
