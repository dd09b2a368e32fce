package org.stellaops.attestor.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed in-toto Statement (v1, or the older v0.1).
 *
 * <p>The predicate is given twice: as a read-only JSON tree of {@code Map<String,Object>}, {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code java.math.BigDecimal}/{@code java.math.BigInteger} and {@code null}
 * values, so that a plugin needs no JSON library, and as the exact UTF-8 payload bytes, so that a plugin that
 * prefers its own JSON or JSON-Schema library can parse them itself.
 *
 * @param type the {@code _type} URI, for example {@code https://in-toto.io/Statement/v1}
 * @param subjects the subjects, at least one
 * @param predicateType the predicate type URI that selects the predicate handler
 * @param predicate the predicate object as an unmodifiable JSON tree (empty when the statement has none)
 * @param payload the statement bytes exactly as signed
 */
public record Statement(String type, List<Subject> subjects, String predicateType, Map<String, Object> predicate,
                        Bytes payload) {

    /** {@code _type} of in-toto Statement v1. */
    public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
    /** {@code _type} of the older in-toto Statement v0.1, still accepted. */
    public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";

    /**
     * Copies the collections.
     *
     * @param type not null
     * @param subjects not null
     * @param predicateType not null
     * @param predicate not null (unmodifiable tree expected)
     * @param payload not null
     */
    public Statement {
        Objects.requireNonNull(type, "type");
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(predicateType, "predicateType");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(payload, "payload");
    }
}
