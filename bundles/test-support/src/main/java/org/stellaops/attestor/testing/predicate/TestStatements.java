package org.stellaops.attestor.testing.predicate;

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
 * An in-toto statement document for predicate-handler tests, loaded from a test resource (or built), optionally edited
 * at JSON Pointers, and handed to a handler the way the platform does: the predicate as a Map tree with BigDecimal
 * and BigInteger numbers, the payload as the exact bytes. Not thread-safe; {@link #statement()} makes an immutable
 * statement that is.
 */
public final class TestStatements {

    /** Reads and writes documents with exact numbers, as the platform's strict parser does. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final ObjectNode document;

    private TestStatements(ObjectNode document) {
        this.document = document;
    }

    /**
     * @param resource the absolute class-path location of a statement document, for example
     *        {@code /statements/scan-results-alpine.json}
     * @return the document, ready for edits
     * @throws IllegalArgumentException if there is no such resource
     */
    public static TestStatements load(String resource) {
        try (InputStream in = TestStatements.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test statement " + resource);
            }
            return new TestStatements((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param document a statement document
     * @return a copy of it, ready for edits that leave {@code document} as it is
     */
    public static TestStatements of(ObjectNode document) {
        return new TestStatements(document.deepCopy());
    }

    /** @return the document itself, for edits a pointer cannot express */
    public ObjectNode document() {
        return document;
    }

    /**
     * Sets the member or element at {@code pointer} (its parent must exist; an index one past the end appends).
     *
     * @param pointer a JSON Pointer into the statement
     * @param json the new value as JSON text
     * @return this document
     */
    public TestStatements set(String pointer, String json) {
        try {
            return set(pointer, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets the member or element at {@code pointer} (its parent must exist; an index one past the end appends).
     *
     * @param pointer a JSON Pointer into the statement
     * @param value the new value
     * @return this document
     */
    public TestStatements set(String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = document.at(pointer.substring(0, slash));
        String name = unescape(pointer.substring(slash + 1));
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
    }

    /**
     * @param pointer a JSON Pointer to a member or array element
     * @return this document, without it
     */
    public TestStatements remove(String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = document.at(pointer.substring(0, slash));
        String name = unescape(pointer.substring(slash + 1));
        if (parent instanceof ArrayNode array) {
            array.remove(Integer.parseInt(name));
        } else {
            ((ObjectNode) parent).remove(name);
        }
        return this;
    }

    /**
     * Replaces the statement's subjects by one subject with one digest.
     *
     * @param name the subject name
     * @param algorithm the digest algorithm
     * @param hex the digest value
     * @return this document
     */
    public TestStatements subject(String name, String algorithm, String hex) {
        ArrayNode subjects = document.putArray("subject");
        subjects.addObject().put("name", name).putObject("digest").put(algorithm, hex);
        return this;
    }

    /**
     * @param uri the predicate type
     * @return this document, with that predicate type
     */
    public TestStatements predicateType(String uri) {
        document.put("predicateType", uri);
        return this;
    }

    /** @return the statement as the platform hands it to a handler */
    public Statement statement() {
        return statementOf(document);
    }

    /**
     * @param document any in-toto statement tree
     * @return the statement as the platform hands it to a handler (no predicate object gives an empty predicate)
     */
    public static Statement statementOf(JsonNode document) {
        try {
            byte[] payload = MAPPER.writeValueAsBytes(document);
            JsonNode predicateNode = document.path("predicate");
            Map<String, Object> predicate = predicateNode.isObject()
                    ? MAPPER.convertValue(predicateNode, new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            return new Statement(document.path("_type").asText(), subjects(document),
                    document.path("predicateType").asText(), predicate, Bytes.of(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Subject> subjects(JsonNode document) {
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : document.path("subject")) {
            List<Digest> digests = new ArrayList<>();
            subject.path("digest").properties()
                    .forEach(d -> digests.add(new Digest(d.getKey(), d.getValue().asText())));
            subjects.add(new Subject(subject.path("name").asText(), digests));
        }
        return subjects;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
