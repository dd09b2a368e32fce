package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonTest {

    private final JsonNode node = Reporting.json("{\"s\": \"text\", \"blank\": \" \", \"n\": 1, \"nil\": null, "
            + "\"o\": {}, \"a\": [1, 2], \"t\": \"2024-05-01T12:00:00Z\", \"leap\": \"2016-12-31T23:59:60Z\"}");

    @Test
    void readsTextOnlyFromStrings() {
        assertEquals("text", Json.text(node.get("s")));
        assertEquals(" ", Json.text(node.get("blank")));
        assertNull(Json.text(node.get("n")));
        assertNull(Json.text(null));
        assertEquals("text", Json.nonBlank(node, "s"));
        assertNull(Json.nonBlank(node, "blank"));
        assertNull(Json.nonBlank(node, "absent"));
    }

    @Test
    void tellsBlankAndPresentMembersApart() {
        assertTrue(Json.blank(node, "blank"));
        assertFalse(Json.blank(node, "s"));
        assertTrue(Json.present(node, "n"));
        assertFalse(Json.present(node, "nil"));
        assertFalse(Json.present(node, "absent"));
    }

    @Test
    void readsObjectsAndArraysOfAnyShapeWithoutThrowing() {
        assertEquals(node.get("o"), Json.object(node, "o"));
        assertNull(Json.object(node, "a"));
        assertEquals(2, Json.elements(node.get("a")).size());
        assertEquals(List.of(), Json.elements(node.get("o")));
        assertEquals(List.of(), Json.elements(null));
        assertNull(Json.nonBlank(node.get("a"), "x"));
    }

    @Test
    void readsRfc3339TimesAndLeavesOutWhatItCannotCompare() {
        assertEquals(Optional.of(OffsetDateTime.parse("2024-05-01T12:00:00Z")), Json.dateTime(node.get("t")));
        assertEquals(Optional.empty(), Json.dateTime(node.get("leap")));
        assertEquals(Optional.empty(), Json.dateTime(node.get("n")));
    }

    @Test
    void namesKindsWithTheirArticle() {
        assertEquals("an object", Json.kind(node.get("o")));
        assertEquals("a number", Json.kind(node.get("n")));
        assertEquals("null", Json.kind(node.get("nil")));
    }
}
