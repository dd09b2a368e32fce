package org.stellaops.attestor.bench;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One request of a workload and what counts as its expected answer.
 *
 * @param path the API path, e.g. {@code /api/v1/rekor/entries}
 * @param body the JSON request body
 * @param expectedStatus the status of a correct answer
 * @param bodyCheck further condition on a correct answer's body
 * @param onExpected receives the body of a correct answer (e.g. to keep a new entry's uuid)
 * @param describe turns the body of an unexpected answer into the short text kept as a failure sample
 */
record Call(String path, byte[] body, int expectedStatus, Predicate<byte[]> bodyCheck, Consumer<byte[]> onExpected,
            Function<byte[], String> describe) {

    /** The longest failure sample kept from one answer, in characters. */
    static final int MAX_SAMPLE = 600;

    /** A call whose unexpected answers are sampled by their first {@value #MAX_SAMPLE} characters. */
    Call(String path, byte[] body, int expectedStatus, Predicate<byte[]> bodyCheck, Consumer<byte[]> onExpected) {
        this(path, body, expectedStatus, bodyCheck, onExpected, Call::excerpt);
    }

    /**
     * @param body an answer body
     * @return its first {@value #MAX_SAMPLE} characters (UTF-8), with an ellipsis when cut
     */
    static String excerpt(byte[] body) {
        return excerpt(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * @param text any text
     * @return its first {@value #MAX_SAMPLE} characters, with an ellipsis when cut
     */
    static String excerpt(String text) {
        return text.length() <= MAX_SAMPLE ? text : text.substring(0, MAX_SAMPLE) + "…";
    }
}
