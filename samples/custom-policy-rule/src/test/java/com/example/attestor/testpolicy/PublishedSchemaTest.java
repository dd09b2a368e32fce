package com.example.attestor.testpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy engine validates every configuration against the schema the rule publishes before the rule sees it, so
 * the schema must accept what the rule can handle and refuse what it cannot: checked with a real validator.
 */
class PublishedSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = compile(new TestPassRateRule().configSchema());

    private static Schema compile(String text) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().locale(Locale.ENGLISH).build();
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(config)).getSchema(JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("{\"minPassRate\":0.98,\"maxFailed\":0}", true),
                Arguments.of("{\"maxFailed\":3,\"skippedCountAsFailed\":true}", true),
                Arguments.of("{\"minPassRate\":1}", true),
                Arguments.of("{}", false),
                Arguments.of("{\"minPassRate\":1.5}", false),
                Arguments.of("{\"maxFailed\":-1}", false),
                Arguments.of("{\"maxFailed\":1.5}", false),
                Arguments.of("{\"minPassRate\":\"98%\"}", false),
                Arguments.of("{\"minPassRate\":0.9,\"typo\":true}", false));
    }

    @ParameterizedTest(name = "{0} valid={1}")
    @MethodSource("configurations")
    void acceptsExactlyTheConfigurationsTheRuleHandles(String config, boolean valid) throws IOException {
        assertEquals(valid, SCHEMA.validate(JSON.readTree(config)).isEmpty());
    }
}
