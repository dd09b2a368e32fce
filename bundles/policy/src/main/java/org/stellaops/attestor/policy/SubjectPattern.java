package org.stellaops.attestor.policy;

import org.stellaops.attestor.api.model.Digest;

/**
 * One subject pattern of a selector: a glob over subject names, or an exact subject digest.
 *
 * @param name a glob over the subject name ({@code *} matches any run of characters), or null
 * @param digest a digest one of the subject's digests must equal, or null
 */
public record SubjectPattern(String name, Digest digest) {

    /**
     * @param name glob, or null
     * @param digest digest, or null; exactly one of the two is given
     */
    public SubjectPattern {
        if ((name == null) == (digest == null)) {
            throw new IllegalArgumentException("a subject pattern is a name glob or a digest");
        }
    }
}
