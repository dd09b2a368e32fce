package org.stellaops.attestor.predicate.vex;

/**
 * A digest the VEX gives for the artifact it is about, to be compared with the statement's subjects.
 *
 * @param pointer the predicate member that holds the digest value
 * @param algorithm the in-toto digest-set name ({@code sha256}, {@code sha512}, …)
 * @param hex the value as given
 * @param product which product the digest belongs to: digests of one product match when any of them matches
 *        (in-toto DigestSet semantics)
 * @param productLabel how the product is named in messages
 */
record DigestClaim(String pointer, String algorithm, String hex, int product, String productLabel) {

    /** @return {@code algorithm:hex}, lowercase */
    String digest() {
        return algorithm + ":" + hex.toLowerCase(java.util.Locale.ROOT);
    }
}
