package org.stellaops.attestor.predicate.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.predicate.PredicateHandler;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * The skeleton the built-in handlers share: the predicate types a handler owns, each mapped to the handler's own key
 * for it (a format, a version); the schema published for each; and validation that refuses a type the handler does
 * not own and hands the predicate to the subclass as a JSON tree ({@link Predicates#asTree}). Subclasses are
 * immutable, so that one instance serves any number of concurrent validations.
 *
 * @param <T> the handler's key for a predicate type
 * @since 1.1
 */
public abstract class PredicateHandlerBase<T> implements PredicateHandler {

    private final String description;
    private final Map<String, T> types;

    /**
     * @param description how the error for a type the handler does not own names its types, with an article:
     *        {@code an SBOM predicate type}; {@code the predicate type} for a handler of one type
     * @param types the handler's key by predicate type URI (compared by exact string equality), not empty
     */
    protected PredicateHandlerBase(String description, Map<String, T> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a handler owns at least one predicate type");
        }
        this.description = description;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /**
     * @param keys the keys, in the order their types are listed
     * @param uri the predicate type URI of a key
     * @param <K> the key type
     * @return the keys by URI
     */
    protected static <K> Map<String, K> byUri(K[] keys, Function<K, String> uri) {
        Map<String, K> byUri = new LinkedHashMap<>();
        for (K key : keys) {
            byUri.put(uri.apply(key), key);
        }
        return byUri;
    }

    @Override
    public final Set<String> predicateTypes() {
        return Set.copyOf(types.keySet());
    }

    @Override
    public final Optional<String> jsonSchema(String predicateType) {
        return Optional.ofNullable(types.get(predicateType)).map(this::schemaText);
    }

    @Override
    public final PredicateResult validate(Statement statement) {
        T type = types.get(statement.predicateType());
        if (type == null) {
            String owned = types.size() == 1 ? types.keySet().iterator().next()
                    : new TreeSet<>(types.keySet()).toString();
            return Predicates.invalid("/predicateType", "not " + description + " this handler owns: " + owned);
        }
        Optional<ValidationError> refused = refuse(statement);
        if (refused.isPresent()) {
            return PredicateResult.invalid(List.of(refused.get()));
        }
        return Predicates.asTree(statement, predicate -> validate(statement, type, predicate));
    }

    /**
     * A check of the statement before its predicate becomes a tree, for bounds that protect that conversion.
     *
     * @param statement a statement of a type the handler owns
     * @return the error that refuses it, or empty (the default) to go on
     */
    protected Optional<ValidationError> refuse(Statement statement) {
        return Optional.empty();
    }

    /**
     * @param type the key of a type the handler owns
     * @return the JSON Schema text published for it
     */
    protected abstract String schemaText(T type);

    /**
     * Validates a predicate of a type the handler owns; never throws for any input.
     *
     * @param statement the statement
     * @param type the handler's key for its predicate type
     * @param predicate the predicate as a JSON tree
     * @return valid with facts, or invalid with every error found
     */
    protected abstract PredicateResult validate(Statement statement, T type, JsonNode predicate);
}
