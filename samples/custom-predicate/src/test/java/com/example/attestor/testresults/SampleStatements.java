package com.example.attestor.testresults;

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
 * The statements under {@code src/test/resources/statements}, optionally edited at a JSON Pointer, turned into
 * {@link Statement}s the way the service hands them to a handler: the predicate as a tree of maps and lists with
 * BigDecimal/BigInteger numbers, the payload as the exact bytes.
 */
final class SampleStatements {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final ObjectNode document;

    private SampleStatements(ObjectNode document) {
        this.document = document;
    }

    /** @param name a file in src/test/resources/statements, for example "passing-run.json" */
    static SampleStatements load(String name) {
        try (InputStream in = SampleStatements.class.getResourceAsStream("/statements/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample statement " + name);
            }
            return new SampleStatements((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the member at {@code pointer} (its parent must exist) to the JSON text {@code json}. */
    SampleStatements set(String pointer, String json) {
        try {
            return set(pointer, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SampleStatements set(String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = document.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value);
        } else {
            ((ObjectNode) parent).set(name, value);
        }
        return this;
    }

    /** Removes the member at {@code pointer}. */
    SampleStatements remove(String pointer) {
        int slash = pointer.lastIndexOf('/');
        ((ObjectNode) document.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
        return this;
    }

    /** @return the predicate as JSON, for the schema checks */
    JsonNode predicateJson() {
        return document.path("predicate");
    }

    Statement statement() {
        return statement(MAPPER.convertValue(document.path("predicate"), new TypeReference<Map<String, Object>>() { }));
    }

    /** A statement with this document's envelope members and the given predicate tree. */
    Statement statement(Map<String, Object> predicate) {
        try {
            return new Statement(document.path("_type").asText(), subjects(), document.path("predicateType").asText(),
                    predicate == null ? Map.of() : predicate, Bytes.of(MAPPER.writeValueAsBytes(document)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (JsonNode subject : document.path("subject")) {
            List<Digest> digests = new ArrayList<>();
            subject.path("digest").properties().forEach(d -> digests.add(new Digest(d.getKey(), d.getValue().asText())));
            subjects.add(new Subject(subject.path("name").asText(), digests));
        }
        return subjects;
    }
}
