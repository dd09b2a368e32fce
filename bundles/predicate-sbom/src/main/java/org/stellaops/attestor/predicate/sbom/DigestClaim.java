package org.stellaops.attestor.predicate.sbom;

import java.util.Locale;

/**
 * A digest the SBOM gives for an artifact it describes, to be compared with the statement's subjects.
 *
 * @param pointer the predicate member that holds the digest value
 * @param algorithm the in-toto DigestSet name ({@code sha256}, {@code sha512}, …)
 * @param hex the value as given
 * @param artifact which described artifact the digest belongs to: digests of one artifact match when any of them
 *        matches (in-toto DigestSet semantics)
 * @param artifactLabel how the artifact is named in messages
 */
record DigestClaim(String pointer, String algorithm, String hex, int artifact, String artifactLabel) {

    /** @return {@code algorithm:hex}, lowercase */
    String digest() {
        return algorithm + ":" + hex.toLowerCase(Locale.ROOT);
    }
}
