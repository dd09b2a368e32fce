package org.stellaops.attestor.bench;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One request of a workload and what counts as its expected answer.
 *
 * @param path the API path, e.g. {@code /api/v1/rekor/entries}
 * @param body the JSON request body
 * @param expectedStatus the status of a correct answer
 * @param bodyCheck further condition on a correct answer's body
 * @param onExpected receives the body of a correct answer (e.g. to keep a new entry's uuid)
 */
record Call(String path, byte[] body, int expectedStatus, Predicate<byte[]> bodyCheck, Consumer<byte[]> onExpected) {
}
