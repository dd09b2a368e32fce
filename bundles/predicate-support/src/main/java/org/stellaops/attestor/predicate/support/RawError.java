package org.stellaops.attestor.predicate.support;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * One validator error with the parts the reporting needs read once: the evaluation path (which keywords led to it,
 * array indexes as {@link Integer}s), the instance location as tokens and the keyword's absolute schema location. The
 * validator's message is never read here: building it can cost kilobytes per error (an {@code enum} message embeds
 * the whole enumeration).
 */
final class RawError {

    private final Error error;
    private final List<Object> evaluation;
    private final List<Object> instance;
    private final String location;

    private RawError(Error error) {
        this.error = error;
        this.evaluation = tokens(error.getEvaluationPath());
        this.instance = tokens(error.getInstanceLocation());
        this.location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
    }

    static RawError of(Error error) {
        return new RawError(error);
    }

    Error error() {
        return error;
    }

    String keyword() {
        return error.getKeyword() == null ? "" : error.getKeyword();
    }

    /** @return the evaluation path: keywords and member names as strings, array indexes as integers */
    List<Object> evaluation() {
        return evaluation;
    }

    /** @return the instance location's tokens, unescaped */
    List<Object> instance() {
        return instance;
    }

    /** @return the absolute location of the keyword that failed, {@code <iri>#<pointer>} */
    String location() {
        return location;
    }

    private static List<Object> tokens(NodePath path) {
        if (path == null) {
            return List.of();
        }
        List<Object> tokens = new ArrayList<>(path.getNameCount());
        for (int i = 0; i < path.getNameCount(); i++) {
            tokens.add(path.getElement(i));
        }
        return tokens;
    }
}
