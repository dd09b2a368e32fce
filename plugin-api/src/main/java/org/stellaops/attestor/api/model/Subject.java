package org.stellaops.attestor.api.model;

import java.util.List;
import java.util.Objects;

/**
 * An in-toto subject: the artifact a statement is about.
 *
 * @param name the subject name (for example a purl or file name); may be empty
 * @param digests at least one digest of the artifact, in the order given by the producer
 */
public record Subject(String name, List<Digest> digests) {
    /**
     * Copies the digest list.
     *
     * @param name may be null (normalised to "")
     * @param digests not null
     */
    public Subject {
        name = name == null ? "" : name;
        digests = List.copyOf(Objects.requireNonNull(digests, "digests"));
    }
}
