package org.stellaops.attestor.predicate.slsa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * One JSON Schema (draft 2020-12) loaded from this bundle and compiled once. Instances are immutable and
 * {@link #validate} may be called from any number of threads at once.
 */
final class PredicateSchema {

    /** The schema keyword that carries per-keyword messages (same convention as ajv-errors). */
    static final String MESSAGE_KEYWORD = "errorMessage";

    private final String text;
    private final Schema schema;

    private PredicateSchema(String text, Schema schema) {
        this.text = text;
        this.schema = schema;
    }

    /**
     * Loads and compiles a schema shipped in this bundle.
     *
     * @param resource absolute class-path location, for example {@code /schemas/slsa-provenance-v1.schema.json}
     * @param mapper the mapper to read the schema with
     * @return the compiled schema
     * @throws IllegalStateException if the resource is missing (a packaging error, not bad input)
     */
    static PredicateSchema load(String resource, ObjectMapper mapper) {
        String text = readResource(resource);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // In 2020-12 "format" is only an annotation unless assertions are switched on; URIs and
                // timestamps are exactly what must be checked here.
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword(MESSAGE_KEYWORD)
                .locale(Locale.ENGLISH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try {
            Schema schema = registry.getSchema(mapper.readTree(text));
            // Compile every keyword now, so that no lazy initialisation happens while threads share the schema.
            schema.initializeValidators();
            return new PredicateSchema(text, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("schema " + resource + " is not JSON", e);
        }
    }

    /** @return the schema exactly as shipped */
    String text() {
        return text;
    }

    /**
     * Validates a predicate.
     *
     * @param predicate the predicate object as a JSON tree
     * @param pointerPrefix prepended to every error pointer, for example {@code /predicate}
     * @return every violation, in schema order; empty if the predicate is valid
     */
    List<ValidationError> validate(JsonNode predicate, String pointerPrefix) {
        return schema.validate(predicate).stream()
                .map(error -> SchemaErrors.toValidationError(error, pointerPrefix))
                .distinct()
                .toList();
    }

    private static String readResource(String resource) {
        try (InputStream in = PredicateSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the bundle: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
