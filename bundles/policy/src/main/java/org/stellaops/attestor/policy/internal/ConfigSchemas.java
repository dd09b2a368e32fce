package org.stellaops.attestor.policy.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.policy.PolicyCodes;

/**
 * Validates rule configurations against the JSON Schema their rule type publishes. Schemas are compiled once per
 * schema text and kept (rule types are few); nothing is ever fetched over the network, so a schema that references a
 * remote document does not compile.
 */
final class ConfigSchemas {

    /** More distinct schemas than this (a plugin churning out schemas) just clears the cache. */
    private static final int MAX_CACHED = 256;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Compiled(Schema schema, String error) {
    }

    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    /**
     * @param schemaText the rule type's schema
     * @param config a configuration
     * @return its violations, with pointers relative to the configuration; one {@link PolicyCodes#RULE_TYPE_BROKEN}
     *         problem when the schema itself does not compile
     */
    List<ConfigProblem> validate(String schemaText, Map<String, Object> config) {
        Compiled compiled = compiled(schemaText);
        if (compiled.schema() == null) {
            return List.of(new ConfigProblem("", PolicyCodes.RULE_TYPE_BROKEN,
                    "the rule type's configuration schema does not compile: " + compiled.error()));
        }
        return compiled.schema().validate(Tree.toJson(config)).stream().map(ConfigSchemas::problem).distinct()
                .toList();
    }

    private Compiled compiled(String schemaText) {
        Compiled compiled = cache.get(schemaText);
        if (compiled == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            compiled = compile(schemaText);
            cache.put(schemaText, compiled);
        }
        return compiled;
    }

    private static Compiled compile(String schemaText) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        try {
            Schema schema = registry.getSchema(MAPPER.readTree(schemaText));
            schema.initializeValidators();
            return new Compiled(schema, null);
        } catch (IOException e) {
            return new Compiled(null, "not JSON: " + e.getMessage());
        } catch (SchemaException | IllegalArgumentException e) {
            return new Compiled(null, e.getMessage());
        }
    }

    private static ConfigProblem problem(Error error) {
        String pointer = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            // the validator locates the object; the author needs the member that is missing
            return new ConfigProblem(Pointers.append(pointer, error.getProperty()), ConfigProblem.MISSING_MEMBER,
                    "required member is missing");
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return new ConfigProblem(Pointers.append(pointer, error.getProperty()), ConfigProblem.UNKNOWN_MEMBER,
                    "unknown member '" + error.getProperty() + "'");
        }
        return new ConfigProblem(pointer, PolicyCodes.SCHEMA_VIOLATION, error.getMessage());
    }
}
