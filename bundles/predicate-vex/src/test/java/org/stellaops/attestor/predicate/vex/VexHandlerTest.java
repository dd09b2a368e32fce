package org.stellaops.attestor.predicate.vex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

class VexHandlerTest {

    private static final Pattern MANIFEST_ROW = Pattern.compile("\\| `([\\w.-]+\\.json)` \\|.*`([0-9a-f]{64})` \\|");

    @Test
    void ownsTheOpenVexTypesAndCycloneDxVexButNotTheCycloneDxBomType() {
        assertEquals(Set.of("https://openvex.dev/ns", "https://openvex.dev/ns/v0.2.0", "https://cyclonedx.org/vex"),
                Handlers.ERROR.predicateTypes());
        assertFalse(Handlers.ERROR.predicateTypes().contains("https://cyclonedx.org/bom"));
    }

    @Test
    void publishesTheOfficialOpenVexSchemaForBothOpenVexTypes() throws IOException {
        for (String type : Set.of("https://openvex.dev/ns", "https://openvex.dev/ns/v0.2.0")) {
            JsonNode schema = TestStatements.MAPPER.readTree(Handlers.ERROR.jsonSchema(type).orElseThrow());
            assertEquals("https://github.com/openvex/spec/openvex_json_schema_0.2.0.json", schema.path("$id").asText());
        }
    }

    @Test
    void publishesTheCycloneDx16SchemaForCycloneDxVex() throws IOException {
        JsonNode schema = TestStatements.MAPPER.readTree(
                Handlers.ERROR.jsonSchema("https://cyclonedx.org/vex").orElseThrow());
        assertEquals("http://cyclonedx.org/schema/bom-1.6.schema.json", schema.path("$id").asText());
    }

    @Test
    void publishesNoSchemaForATypeItDoesNotOwn() {
        assertTrue(Handlers.ERROR.jsonSchema("https://cyclonedx.org/bom").isEmpty());
    }

    @Test
    void rejectsAStatementWhosePredicateTypeItDoesNotOwn() {
        Errors.assertOnly(Handlers.ERROR.validate(Samples.load(Samples.SPRING)
                .set("/predicateType", "\"https://cyclonedx.org/bom\"").statement()),
                "/predicateType", "not a VEX predicate type this handler owns");
    }

    @Test
    void shipsEverySchemaByteForByteWithTheDigestItsSourceManifestRecords() throws Exception {
        for (String format : Set.of("openvex", "cyclonedx")) {
            Map<String, String> recorded = manifest("/schemas/" + format + "/SOURCE.md");
            assertFalse(recorded.isEmpty(), format);
            for (Map.Entry<String, String> file : recorded.entrySet()) {
                assertEquals(file.getValue(), sha256("/schemas/" + format + "/" + file.getKey()), file.getKey());
            }
        }
    }

    @Test
    void activatesWithTheDefaultPolicyOfRejectingSubjectMismatches() {
        assertEquals(SubjectPolicy.ERROR, new VexHandler(config("error")).subjectPolicy());
    }

    @Test
    void activatesWithTheConfiguredPolicyWrittenInAnyCase() {
        assertEquals(SubjectPolicy.WARNING, new VexHandler(config(" Warning ")).subjectPolicy());
    }

    @Test
    void refusesToActivateWithAPolicyItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> new VexHandler(config("lenient")));
        assertThrows(IllegalArgumentException.class, () -> new VexHandler(config("")));
    }

    private static Map<String, String> manifest(String resource) throws IOException {
        Map<String, String> digests = new LinkedHashMap<>();
        Matcher matcher = MANIFEST_ROW.matcher(new String(read(resource), StandardCharsets.UTF_8));
        while (matcher.find()) {
            digests.put(matcher.group(1), matcher.group(2));
        }
        return digests;
    }

    private static String sha256(String resource) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(read(resource)));
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = VexHandler.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource);
            return in.readAllBytes();
        }
    }

    /** A configuration as ConfigAdmin and SCR would hand it over. */
    static VexHandler.Config config(String subjectPolicy) {
        return new VexHandler.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return VexHandler.Config.class;
            }

            @Override
            public String subjectPolicy() {
                return subjectPolicy;
            }
        };
    }
}
