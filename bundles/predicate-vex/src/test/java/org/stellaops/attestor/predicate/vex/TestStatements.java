package org.stellaops.attestor.predicate.vex;

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
 * Builds statements from the sample statements in {@code src/test/resources/statements}, optionally edited at a JSON
 * Pointer, the way the platform hands them to a handler (predicate as a Map tree with BigDecimal/BigInteger numbers,
 * payload as the exact bytes).
 */
final class TestStatements {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** OpenVEX, 220 statements about one image, versioned predicate type. */
    static final String DISTRO = "openvex/distro-image-220.json";
    /** OpenVEX, the spec's Spring Boot example, cosign's predicate type. */
    static final String SPRING = "openvex/spring-boot.json";
    /** OpenVEX, statements without products (inherited from the subjects), unversioned context. */
    static final String INHERITED = "openvex/inherited-products.json";
    /** CycloneDX 1.6 application BOM with 90 vulnerabilities. */
    static final String APPLICATION = "cyclonedx/application-1.6.json";
    /** CycloneDX 1.4, CISA use-case shape. */
    static final String PRODUCT = "cyclonedx/product-1.4.json";
    /** CycloneDX 1.5 independent VEX with BOM-Links. */
    static final String INDEPENDENT = "cyclonedx/independent-1.5.json";

    /** Every sample. */
    static final List<String> ALL = List.of(DISTRO, SPRING, INHERITED, APPLICATION, PRODUCT, INDEPENDENT);

    private final ObjectNode document;

    private TestStatements(ObjectNode document) {
        this.document = document;
    }

    static TestStatements load(String name) {
        try (InputStream in = TestStatements.class.getResourceAsStream("/statements/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new TestStatements((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the whole in-toto statement as a tree (edits go straight into this sample) */
    ObjectNode document() {
        return document;
    }

    /** Sets the member at {@code pointer} (its parent must exist) to the JSON text {@code json}. */
    TestStatements set(String pointer, String json) {
        try {
            return set(pointer, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the member at {@code pointer} (its parent must exist) to {@code value}. */
    TestStatements set(String pointer, JsonNode value) {
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

    Statement statement() {
        return statementOf(document);
    }

    /** Converts any in-toto statement tree the way the platform would. */
    static Statement statementOf(JsonNode document) {
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
            subject.path("digest").properties().forEach(d -> digests.add(new Digest(d.getKey(), d.getValue().asText())));
            subjects.add(new Subject(subject.path("name").asText(), digests));
        }
        return subjects;
    }
}
