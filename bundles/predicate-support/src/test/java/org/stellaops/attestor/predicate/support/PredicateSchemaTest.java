package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.predicate.ValidationError;

class PredicateSchemaTest {

    private static final Map<String, String> PART = Map.of("http://example.test/schemas/part.schema.json",
            "/schemas/part.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredicateSchema schema = PredicateSchema.load(PredicateSchemaTest.class, "/schemas/main.schema.json",
            PART);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void acceptsADocumentThatFollowsTheSchemaAndItsReference() throws Exception {
        assertEquals(List.of(), schema.validate(json("{\"name\":\"a\",\"part\":{\"id\":1}}"), "/predicate"));
    }

    @Test
    void locatesAViolationInsideAReferencedSchema() throws Exception {
        List<ValidationError> errors = schema.validate(json("{\"name\":\"a\",\"part\":{\"id\":\"one\"}}"), "/predicate");
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("/predicate/part/id", errors.get(0).pointer());
        assertEquals("must be an integer, not a string", errors.get(0).message());
    }

    @Test
    void namesAMissingMemberItselfRatherThanItsParent() throws Exception {
        List<ValidationError> errors = schema.validate(json("{\"part\":{\"id\":1}}"), "/predicate");
        assertEquals(List.of(new ValidationError("/predicate/name", "required member is missing")), errors);
    }

    @Test
    void assertsFormatsInDraft07Too() throws Exception {
        List<ValidationError> errors = schema.validate(
                json("{\"name\":\"a\",\"created\":\"yesterday\",\"part\":{\"id\":1}}"), "/predicate");
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("/predicate/created", errors.get(0).pointer());
    }

    @Test
    void refusesToLoadASchemaWhoseReferenceIsNotShipped() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PredicateSchema.load(PredicateSchemaTest.class, "/schemas/remote.schema.json"));
        assertTrue(e.getMessage().contains("remote.schema.json"), e.getMessage());
    }

    @Test
    void refusesToLoadAMissingResource() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PredicateSchema.load(PredicateSchemaTest.class, "/schemas/absent.json"));
        assertTrue(e.getMessage().contains("/schemas/absent.json"), e.getMessage());
    }

    @Test
    void keepsTheShippedTextForPublication() {
        assertTrue(schema.text().contains("\"$id\": \"http://example.test/schemas/main.schema.json\""));
    }
}
