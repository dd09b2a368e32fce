package org.stellaops.attestor.predicate.support;

import java.util.Locale;

/**
 * A digest a predicate gives for an artifact it describes, to be compared with the statement's subjects
 * ({@link Subjects#unmatched}).
 *
 * @param pointer the predicate member that holds the digest value, where a finding about it is reported
 * @param algorithm the in-toto DigestSet name ({@code sha256}, {@code sha512}, …; see {@link HashNames})
 * @param hex the value as given
 * @param artifact which described artifact the digest belongs to: the digests of one artifact form one digest set,
 *        which matches a subject when any of them does
 * @param artifactLabel how the artifact is named in messages
 * @since 1.1
 */
public record DigestClaim(String pointer, String algorithm, String hex, int artifact, String artifactLabel) {

    /** @return {@code algorithm:hex}, lowercase, as {@link Subjects#digests} gives subject digests */
    public String digest() {
        return algorithm.toLowerCase(Locale.ROOT) + ":" + hex.toLowerCase(Locale.ROOT);
    }
}
