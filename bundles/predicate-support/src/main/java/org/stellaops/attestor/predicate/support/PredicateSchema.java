package org.stellaops.attestor.predicate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * right ({@code email} and {@code idn-email} are checked for syntax, whatever the top-level domain).
 *
 * <p>{@link #validate} reports errors a submitter can act on: each at the member it is about (a missing member, a
 * member the schema does not allow), a failed {@code oneOf}/{@code anyOf} once rather than once per alternative, an
 * {@code enum} with at most 20 of its values, and at most {@value #MAX_ERRORS}
 * errors per validation followed by one that counts the rest.
 *
 * <p>Instances are immutable; {@link #validate} may be called from any number of threads at once.
 */
public final class PredicateSchema {

    /** The schema keyword that carries per-keyword messages (same convention as ajv-errors). */
    public static final String MESSAGE_KEYWORD = "errorMessage";

    /**
     * The most errors one {@link #validate} call lists; when there are more, one last error at the document's pointer
     * says how many were left out.
     */
    public static final int MAX_ERRORS = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String text;
    private final Schema schema;
    private final SchemaDocuments documents;
    private final Map<String, String> messages;
    private final List<String> silenced;

    private PredicateSchema(String text, Schema schema, SchemaDocuments documents, Map<String, String> messages,
                            List<String> silenced) {
        this.text = text;
        this.schema = schema;
        this.documents = documents;
        this.messages = Map.copyOf(messages);
        this.silenced = List.copyOf(silenced);
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
                        .dialectRegistry(FormatDialects.registry())
                        .schemas(referenced)
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        try {
            JsonNode main = MAPPER.readTree(text);
            Schema schema = registry.getSchema(main);
            // compile every keyword and reference now: no lazy initialisation while threads share the schema,
            // and a reference that is not shipped fails here, at activation, not on a submitter's request
            schema.initializeValidators();
            Map<String, JsonNode> trees = new HashMap<>();
            for (Map.Entry<String, String> reference : referenced.entrySet()) {
                trees.put(reference.getKey(), MAPPER.readTree(reference.getValue()));
            }
            return new PredicateSchema(text, schema, new SchemaDocuments(main, trees), Map.of(), List.of());
        } catch (IOException e) {
            throw new IllegalStateException("schema " + resource + " is not JSON", e);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalStateException("schema " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    /**
     * A copy that words the errors of one keyword with the handler's message, for a rule the shipped schema states
     * but words poorly (the shipped file stays byte for byte as published). For a {@code oneOf} or {@code anyOf}
     * location, the message replaces the single error reported when no alternative matches (or, for a
     * {@code oneOf}, when several do); the errors of an alternative the instance was evidently meant for are
     * reported as they are.
     *
     * @param keywordLocation the keyword's absolute location: the {@code $id} of its schema document, {@code #}, and
     *        a JSON Pointer into that document, for example {@code http://cyclonedx.org/schema/spdx.schema.json#/enum};
     *        {@code #/…} for a main schema without {@code $id}
     * @param message what is wrong and what is expected
     * @return the copy
     * @throws IllegalArgumentException if the location names nothing in the loaded schemas
     * @since 1.1
     */
    public PredicateSchema withMessage(String keywordLocation, String message) {
        Objects.requireNonNull(message, "message");
        requireLocation(keywordLocation);
        Map<String, String> more = new HashMap<>(messages);
        more.put(keywordLocation, message);
        return new PredicateSchema(text, schema, documents, more, silenced);
    }

    /**
     * A copy that leaves out the errors of the keywords at or below a schema location (in that schema document), for
     * rules the handler checks itself with better messages, so that a submitter does not get each twice.
     *
     * @param schemaLocation an absolute location, in the form {@link #withMessage} describes
     * @return the copy
     * @throws IllegalArgumentException if the location names nothing in the loaded schemas
     * @since 1.1
     */
    public PredicateSchema withoutErrorsFrom(String schemaLocation) {
        requireLocation(schemaLocation);
        List<String> more = new ArrayList<>(silenced);
        more.add(schemaLocation);
        return new PredicateSchema(text, schema, documents, messages, more);
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
     * @return the violations, in schema order, without repeats, at most {@value #MAX_ERRORS} of them and then one
     *         error at {@code pointerPrefix} counting the rest; empty if the document is valid
     */
    public List<ValidationError> validate(JsonNode document, String pointerPrefix) {
        return ErrorReport.of(schema.validate(document), new SchemaErrors(pointerPrefix, messages), documents, silenced,
                pointerPrefix);
    }

    private void requireLocation(String location) {
        Objects.requireNonNull(location, "location");
        if (documents.resolve(location) == null) {
            throw new IllegalArgumentException("no schema keyword at " + location);
        }
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
