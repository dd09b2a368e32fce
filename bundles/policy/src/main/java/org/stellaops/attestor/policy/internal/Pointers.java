package org.stellaops.attestor.policy.internal;

/** RFC 6901 JSON Pointer construction. */
final class Pointers {

    private Pointers() {
    }

    /**
     * @param pointer a pointer ({@code ""} for the root)
     * @param token a member name or an array index
     * @return the pointer to that child, with {@code ~} and {@code /} escaped
     */
    static String append(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    /**
     * @param pointer a pointer
     * @param index an array index
     * @return the pointer to that element
     */
    static String append(String pointer, int index) {
        return pointer + "/" + index;
    }
}
