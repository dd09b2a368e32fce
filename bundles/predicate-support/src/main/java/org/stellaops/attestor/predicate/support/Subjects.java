package org.stellaops.attestor.predicate.support;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.stellaops.attestor.api.model.Digest;
import org.stellaops.attestor.api.model.Statement;
import org.stellaops.attestor.api.model.Subject;

/** The digests a statement's subjects carry, for comparing them with what a predicate describes. */
public final class Subjects {

    private Subjects() {
    }

    /**
     * @param statement a statement
     * @return every subject digest as {@code <algorithm>:<hex>}, both lowercase, in subject order
     */
    public static Set<String> digests(Statement statement) {
        Set<String> digests = new LinkedHashSet<>();
        for (Subject subject : statement.subjects()) {
            for (Digest digest : subject.digests()) {
                digests.add(key(digest.algorithm(), digest.hex()));
            }
        }
        return digests;
    }

    /**
     * @param statement a statement
     * @param algorithm a digest algorithm as in-toto names it ({@code sha256}, {@code sha512}, …), any case
     * @param hex the digest value, any case
     * @return whether some subject has exactly that digest
     */
    public static boolean has(Statement statement, String algorithm, String hex) {
        return digests(statement).contains(key(algorithm, hex));
    }

    private static String key(String algorithm, String hex) {
        return algorithm.toLowerCase(Locale.ROOT) + ":" + hex.toLowerCase(Locale.ROOT);
    }
}
