package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TreesTest {

    @Test
    void visitsNestedElementsInDocumentOrderWithTheirPointers() {
        JsonNode components = Reporting.json("[{\"n\": \"a\", \"components\": [{\"n\": \"a1\"}, 7]}, {\"n\": \"b\"}]");
        List<String> visited = new ArrayList<>();

        Trees.walk(components, "/predicate/components", "components", (node, pointer) -> visited.add(pointer));

        assertEquals(List.of("/predicate/components/0", "/predicate/components/0/components/0",
                "/predicate/components/0/components/1", "/predicate/components/1"), visited);
        assertEquals(4, Trees.count(components, "components"));
    }

    @Test
    void walksATreeDeeperThanTheStackWouldAllowARecursion() {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode level = root;
        for (int i = 0; i < 8_000; i++) {
            ObjectNode element = level.addObject();
            level = element.putArray("components");
        }

        assertEquals(8_000, Trees.count(root, "components"));
    }

    @Test
    void findsNoElementsInSomethingThatIsNoArray() {
        assertEquals(0, Trees.count(Reporting.json("{\"components\": []}"), "components"));
        assertEquals(0, Trees.count(null, "components"));
    }
}
