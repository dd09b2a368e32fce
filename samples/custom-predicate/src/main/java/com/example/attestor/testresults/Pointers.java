package com.example.attestor.testresults;

/** JSON Pointer (RFC 6901) building for error locations. */
final class Pointers {

    /** Where the predicate sits in the statement: every error pointer starts with it. */
    static final String PREDICATE = "/predicate";

    private Pointers() {
    }

    /**
     * @param pointer a pointer ("" for the whole document)
     * @param token a member name or an array index
     * @return the pointer of that member, with {@code ~} and {@code /} in the token escaped
     */
    static String append(String pointer, String token) {
        return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    /** @return the pointer of element {@code index} of the array at {@code pointer} */
    static String append(String pointer, int index) {
        return pointer + "/" + index;
    }
}
