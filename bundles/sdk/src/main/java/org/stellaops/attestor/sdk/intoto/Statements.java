package org.stellaops.attestor.sdk.intoto;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.ErrorCodes;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * Parses and validates in-toto Statements. Unknown top-level members are ignored.
 */
public final class Statements {

    private Statements() {
    }

    /**
     * Parses a statement payload.
     *
     * <p>Digests of the sha2 and sha3 families must be lowercase hex of their hash's length. Digest entries whose
     * algorithm name or value the API's {@link Digest} cannot represent (for example {@code gitCommit}, or names with
     * an underscore such as {@code sha512_256}) are validated but left out of {@link Subject#digests()}; every
     * subject must keep at least one digest. They remain in {@link Statement#payload()}.
     *
     * @param payload the UTF-8 statement bytes (the DSSE payload)
     * @param limits parsing limits
     * @return the statement
     * @throws AttestorException with the {@code json.*} codes, or {@code statement.malformed},
     *         {@code statement.unknown_type}, {@code statement.no_subjects}, {@code statement.bad_subject_digest},
     *         {@code statement.missing_predicate_type}
     */
    public static Statement parse(byte[] payload, JsonLimits limits) {
        JsonNode root = StrictJson.parse(payload, limits);
        if (!root.isObject()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "a statement is a JSON object");
        }
        String type = type(root.get("_type"));
        List<Subject> subjects = subjects(root.get("subject"));
        String predicateType = predicateType(root.get("predicateType"));
        Map<String, Object> predicate = predicate(root.get("predicate"));
        return new Statement(type, subjects, predicateType, predicate, Bytes.of(payload));
    }

    private static String type(JsonNode node) {
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "_type must be a string");
        }
        String type = node == null || node.isNull() ? null : node.textValue();
        if (!Statement.TYPE_V1.equals(type) && !Statement.TYPE_V01.equals(type)) {
            throw error(ErrorCodes.STATEMENT_UNKNOWN_TYPE, "unknown statement _type " + type);
        }
        return type;
    }

    private static List<Subject> subjects(JsonNode node) {
        if (node != null && !node.isNull() && !node.isArray()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "subject must be an array");
        }
        if (node == null || node.isNull() || node.isEmpty()) {
            throw error(ErrorCodes.STATEMENT_NO_SUBJECTS, "a statement needs at least one subject");
        }
        List<Subject> subjects = new ArrayList<>(node.size());
        int index = 0;
        for (JsonNode s : node) {
            subjects.add(subject(s, index++));
        }
        return subjects;
    }

    private static Subject subject(JsonNode node, int index) {
        if (!node.isObject()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "subject " + index + " is not an object");
        }
        JsonNode name = node.get("name");
        if (name != null && !name.isNull() && !name.isTextual()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "subject " + index + " name must be a string");
        }
        JsonNode digests = node.get("digest");
        if (digests == null || !digests.isObject() || digests.isEmpty()) {
            throw error(ErrorCodes.STATEMENT_BAD_SUBJECT_DIGEST, "subject " + index + " needs a digest object");
        }
        List<Digest> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = digests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Digest d = SubjectDigests.check(index, e.getKey(), e.getValue());
            if (d != null) {
                out.add(d);
            }
        }
        if (out.isEmpty()) {
            throw error(ErrorCodes.STATEMENT_BAD_SUBJECT_DIGEST, "subject " + index + " has no usable digest");
        }
        return new Subject(name == null || name.isNull() ? "" : name.textValue(), out);
    }

    private static String predicateType(JsonNode node) {
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "predicateType must be a string");
        }
        if (node == null || node.isNull() || node.textValue().isEmpty()) {
            throw error(ErrorCodes.STATEMENT_MISSING_PREDICATE_TYPE, "a statement needs a predicateType");
        }
        return node.textValue();
    }

    private static Map<String, Object> predicate(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error(ErrorCodes.STATEMENT_MALFORMED, "predicate must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) JsonTrees.toPlain(node);
        return tree;
    }

    static AttestorException error(String code, String message) {
        return new AttestorException(code, message);
    }
}
