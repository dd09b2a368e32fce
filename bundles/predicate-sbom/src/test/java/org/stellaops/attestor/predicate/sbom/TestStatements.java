package org.stellaops.attestor.predicate.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;

/**
 * Builds statements from the sample documents in {@code src/test/resources/sbom} (or from generated trees), optionally
 * edited at a JSON Pointer, the way the platform hands them to a handler: predicate as a Map tree with BigDecimal and
 * BigInteger numbers, payload as the exact bytes.
 */
final class TestStatements {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final ObjectNode document;

    private TestStatements(ObjectNode document) {
        this.document = document;
    }

    /** @return the sample {@code src/test/resources/sbom/<name>} */
    static TestStatements load(String name) {
        try (InputStream in = TestStatements.class.getResourceAsStream("/sbom/" + name)) {
            return new TestStatements((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a statement document held as a tree (not copied: later edits change it) */
    static TestStatements of(ObjectNode document) {
        return new TestStatements(document);
    }

    /** @return the statement document, for edits that the pointer helpers do not cover */
    ObjectNode document() {
        return document;
    }

    /** Sets the member at {@code pointer} (its parent must exist) to the JSON text {@code json}. */
    TestStatements set(String pointer, String json) {
        try {
            JsonNode value = MAPPER.readTree(json);
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = document.at(pointer.substring(0, slash));
            String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent instanceof ArrayNode array) {
                int index = Integer.parseInt(name);
                if (index == array.size()) {
                    array.add(value);
                } else {
                    array.set(index, value);
                }
            } else {
                ((ObjectNode) parent).set(name, value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the member at {@code pointer}. */
    TestStatements remove(String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = document.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(name));
        } else {
            ((ObjectNode) parent).remove(name);
        }
        return this;
    }

    /** Replaces the statement's subjects by one subject with one digest. */
    TestStatements subject(String name, String algorithm, String hex) {
        return set("/subject", "[{\"name\": \"" + name + "\", \"digest\": {\"" + algorithm + "\": \"" + hex + "\"}}]");
    }

    /** Sets the predicate type. */
    TestStatements predicateType(String uri) {
        document.put("predicateType", uri);
        return this;
    }

    Statement statement() {
        try {
            byte[] payload = MAPPER.writeValueAsBytes(document);
            Map<String, Object> predicate = document.has("predicate")
                    ? MAPPER.convertValue(document.get("predicate"), new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            return new Statement(document.path("_type").asText(), subjects(), document.path("predicateType").asText(),
                    predicate, Bytes.of(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : document.path("subject")) {
            List<Digest> digests = new ArrayList<>();
            subject.path("digest").fields().forEachRemaining(d -> digests.add(new Digest(d.getKey(), d.getValue().asText())));
            subjects.add(new Subject(subject.path("name").asText(), digests));
        }
        return subjects;
    }
}
