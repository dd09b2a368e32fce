package org.stellaops.attestor.predicate.support;

/** JSON Pointers (RFC 6901) for validation errors. */
public final class Pointers {

    private Pointers() {
    }

    /**
     * @param token one reference token: an object member name or an array index
     * @return the token escaped ({@code ~} → {@code ~0}, {@code /} → {@code ~1})
     */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * @param pointer a pointer, for example {@code /predicate/components}
     * @param token a member name or array index
     * @return the pointer one level deeper, for example {@code /predicate/components/3}
     */
    public static String append(String pointer, Object token) {
        return pointer + "/" + escape(String.valueOf(token));
    }
}
