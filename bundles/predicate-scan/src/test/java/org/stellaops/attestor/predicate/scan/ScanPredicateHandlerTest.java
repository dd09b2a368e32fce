package org.stellaops.attestor.predicate.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.api.predicate.PredicateResult;
import org.stellaops.attestor.predicate.support.SubjectPolicy;
import org.stellaops.attestor.testing.predicate.Errors;
import org.stellaops.attestor.testing.predicate.TestStatements;

/** What the handler owns, publishes and how it is configured. */
class ScanPredicateHandlerTest {

    private static final String SCAN_RESULTS = "https://stella-ops.org/attestation/scan-results/v1";
    private static final String COSIGN_VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";

    private final ScanPredicateHandler handler = new ScanPredicateHandler(SubjectPolicy.ERROR);

    private static ScanPredicateHandler.Config config(String subjectPolicy) {
        return new ScanPredicateHandler.Config() {
            @Override
            public String subjectPolicy() {
                return subjectPolicy;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ScanPredicateHandler.Config.class;
            }
        };
    }

    @Test
    void ownsExactlyTheScanResultsAndCosignVulnTypes() {
        assertEquals(Set.of(SCAN_RESULTS, COSIGN_VULN), handler.predicateTypes());
    }

    @Test
    void publishesTheSchemaShippedForEachType() throws Exception {
        JsonNode scanResults = TestStatements.MAPPER.readTree(handler.jsonSchema(SCAN_RESULTS).orElseThrow());
        JsonNode cosign = TestStatements.MAPPER.readTree(handler.jsonSchema(COSIGN_VULN).orElseThrow());

        assertEquals("https://json-schema.org/draft/2020-12/schema", scanResults.path("$schema").asText());
        assertEquals("https://stella-ops.org/schemas/predicates/scan-results-v1.schema.json",
                scanResults.path("$id").asText());
        assertEquals("https://json-schema.org/draft/2020-12/schema", cosign.path("$schema").asText());
        assertEquals("https://stella-ops.org/schemas/predicates/cosign-vuln-v1.schema.json", cosign.path("$id").asText());
    }

    @Test
    void publishesNoSchemaForATypeItDoesNotOwn() {
        assertTrue(handler.jsonSchema("cosign.sigstore.dev/attestation/vuln/v1").isEmpty());
    }

    @Test
    void rejectsAStatementOfAnotherPredicateTypeWithoutThrowing() {
        PredicateResult result = handler.validate(TestStatements.load("/statements/scan-results-alpine.json")
                .set("/predicateType", "\"https://slsa.dev/provenance/v1\"").statement());

        Errors.assertOnly(result, "/predicateType", "not a scan predicate type this handler owns");
    }

    @Test
    void rejectsAPredicateThatIsNoJsonTreeWithoutThrowing() {
        Statement statement = new Statement(Statement.TYPE_V1,
                List.of(new Subject("x", List.of(new Digest("sha256", "ab".repeat(32))))), SCAN_RESULTS,
                Map.of("scanner", new Object()), Bytes.EMPTY);

        Errors.assertOnly(handler.validate(statement), "/predicate", "not a JSON object tree");
    }

    @Test
    void activatesWithTheDefaultConfigurationAsErrorPolicy() {
        ScanPredicateHandler configured = new ScanPredicateHandler(config("error"));

        Errors.assertOnly(configured.validate(TestStatements.load("/statements/scan-results-alpine.json")
                        .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"").statement()),
                "/predicate/artifact/digest/sha256", "is no subject");
    }

    @Test
    void activatesWithAWarningPolicyWrittenInAnyCase() {
        ScanPredicateHandler configured = new ScanPredicateHandler(config(" Warning "));

        PredicateResult result = configured.validate(TestStatements.load("/statements/scan-results-alpine.json")
                .set("/subject/0/digest/sha256", "\"" + "00".repeat(32) + "\"").statement());

        assertEquals(1, assertInstanceOf(PredicateResult.Valid.class, result).warnings().size());
    }

    @Test
    void refusesToActivateWithAnUnknownSubjectPolicy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScanPredicateHandler(config("lenient")));
        assertTrue(e.getMessage().contains("lenient"), e.getMessage());
    }
}
