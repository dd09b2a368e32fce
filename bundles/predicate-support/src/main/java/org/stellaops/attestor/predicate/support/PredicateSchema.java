package org.stellaops.attestor.predicate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.stellaops.attestor.api.predicate.ValidationError;

/**
 * One JSON Schema shipped inside a handler's bundle, compiled once, with the schemas it references resolved from
 * the same bundle: nothing is ever fetched over the network, and a reference that is not shipped fails the load.
 * The dialect is the schema's {@code $schema} (draft-04, -06, -07, 2019-09 or 2020-12; 2020-12 when absent), and
 * {@code format} is asserted in every dialect: dates, URIs and e-mail addresses are exactly what a predicate must get
 * right. Instances are immutable; {@link #validate} may be called from any number of threads at once.
 */
public final class PredicateSchema {

    /** The schema keyword that carries per-keyword messages (same convention as ajv-errors). */
    public static final String MESSAGE_KEYWORD = "errorMessage";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final Schema schema;

    private PredicateSchema(String text, Schema schema) {
        this.text = text;
        this.schema = schema;
    }

    /**
     * Loads and compiles a schema that references no other schema.
     *
     * @param owner a class of the bundle that ships the schema (its class loader reads the resource)
     * @param resource absolute class-path location, for example {@code /schemas/slsa-provenance-v1.schema.json}
     * @return the compiled schema
     * @throws IllegalStateException if the resource is missing or the schema does not compile (a packaging error,
     *         not bad input)
     */
    public static PredicateSchema load(Class<?> owner, String resource) {
        return load(owner, resource, Map.of());
    }

    /**
     * Loads and compiles a schema and the schemas it references.
     *
     * @param owner a class of the bundle that ships the schemas
     * @param resource absolute class-path location of the main schema
     * @param references the resource of each referenced schema by the absolute IRI it is referenced with (its
     *        {@code $id}), for example {@code http://cyclonedx.org/schema/spdx.schema.json} →
     *        {@code /schemas/cyclonedx/spdx.schema.json}
     * @return the compiled schema
     * @throws IllegalStateException if a resource is missing, a reference is not among {@code references}, or the
     *         schema does not compile
     */
    public static PredicateSchema load(Class<?> owner, String resource, Map<String, String> references) {
        Objects.requireNonNull(owner, "owner");
        String text = readResource(owner, resource);
        Map<String, String> referenced = new LinkedHashMap<>();
        references.forEach((iri, location) -> referenced.put(iri, readResource(owner, location)));
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword(MESSAGE_KEYWORD)
                .locale(Locale.ENGLISH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)
                        .schemas(referenced)
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        try {
            Schema schema = registry.getSchema(MAPPER.readTree(text));
            // compile every keyword and reference now: no lazy initialisation while threads share the schema,
            // and a reference that is not shipped fails here, at activation, not on a submitter's request
            schema.initializeValidators();
            return new PredicateSchema(text, schema);
        } catch (IOException e) {
            throw new IllegalStateException("schema " + resource + " is not JSON", e);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalStateException("schema " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    /** @return the main schema exactly as shipped */
    public String text() {
        return text;
    }

    /**
     * Validates a document.
     *
     * @param document the document (usually the predicate) as a JSON tree
     * @param pointerPrefix the document's pointer inside the statement, prepended to every error pointer, for example
     *        {@code /predicate}
     * @return every violation, in schema order, without repeats; empty if the document is valid
     */
    public List<ValidationError> validate(JsonNode document, String pointerPrefix) {
        return schema.validate(document).stream()
                .map(error -> SchemaErrors.toValidationError(error, pointerPrefix))
                .distinct()
                .toList();
    }

    private static String readResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the bundle of " + owner.getName() + ": "
                        + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
