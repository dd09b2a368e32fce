package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutations of every predicate format ({@link PredicateMutations}), each signed properly by a trusted key so
 * that only the content is wrong. Every answer is a 2xx or a 4xx problem with a machine-readable {@code code},
 * never a 5xx; a mutation that is invalid by construction is refused with the expected code (and, for predicate
 * errors, an error at the broken member); a refused envelope leaves no record, and the tenant's records grow by
 * exactly the accepted ones.
 *
 * <p>Every failure of a format is collected and reported together, so one run shows every defect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredicateFuzzIT {

    /** Fixed, so that a failure is reproduced by the next run. */
    private static final long SEED = 0x5E11A0A77E570L;

    private AttestorProcess server;
    private PredicateApi api;

    @BeforeAll
    void startServer() {
        server = AttestorProcess.startFresh();
        api = new PredicateApi(server);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PredicateFormat.class)
    void answersEveryMutationWithAStoredRecordOrAClientErrorThatLeavesNothing(PredicateFormat format) {
        List<PredicateMutations.Mutation> mutations = PredicateMutations.of(format, SEED + format.ordinal());
        Set<String> before = api.all();
        ApiClient.ServerState stateBefore = api.state();
        int logged = 0;
        Set<String> accepted = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();

        for (PredicateMutations.Mutation mutation : mutations) {
            byte[] envelope = api.sign(mutation.payload());
            String digest = Attestations.envelopeDigest(envelope);
            ApiResponse response = api.submit(envelope);
            String failure = judge(mutation, response, digest);
            outcomes.merge(outcome(response), 1, Integer::sum);
            if (mutation.expect() == PredicateMutations.Expect.ANY) {
                System.out.println(format + " / " + mutation.label() + " -> " + outcome(response));
            }
            if (failure != null) {
                failures.add(format + " / " + mutation.label() + ": " + failure + "\n    " + response.describe());
            } else if (response.status() < 300) {
                accepted.add(digest);
                logged += response.status() == 201 ? 1 : 0;
            }
        }

        Set<String> expected = new TreeSet<>(before);
        expected.addAll(accepted);
        Set<String> after = api.all();
        if (!expected.equals(after)) {
            failures.add(format + ": the records grew by more than the accepted envelopes: before " + before.size()
                    + ", accepted " + accepted.size() + ", after " + after.size());
        }
        ApiClient.ServerState state = api.state();
        if (state.entries() != stateBefore.entries() + accepted.size()
                || state.archivedObjects() != stateBefore.archivedObjects() + accepted.size()
                || logged == accepted.size() && state.logSize() != stateBefore.logSize() + logged) {
            failures.add(format + ": entries, archive and log must grow by the accepted envelopes only ("
                    + accepted.size() + ", " + logged + " of them logged at once): before " + stateBefore
                    + ", after " + state);
        }
        System.out.println(format + ": " + mutations.size() + " mutations, " + accepted.size() + " accepted, answers "
                + outcomes + ", " + api.requests() + " requests so far");
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + mutations.size() + " mutations answered "
                + "wrongly:\n" + String.join("\n", failures));
        assertTrue(mutations.size() >= 20, "enough mutations of " + format);
    }

    private static String outcome(ApiResponse response) {
        if (response.status() < 300 || !response.contentType().startsWith("application/problem+json")) {
            return String.valueOf(response.status());
        }
        return response.status() + " " + response.json().path("code").asText();
    }

    /** @return null when the answer is right, else what is wrong with it */
    private String judge(PredicateMutations.Mutation mutation, ApiResponse response, String digest) {
        int status = response.status();
        if (status >= 500) {
            return "server error";
        }
        if (status < 300) {
            if (mutation.expect() == PredicateMutations.Expect.INVALID) {
                return "an invalid document was accepted (expected " + mutation.code() + ")";
            }
            ApiResponse stored = api.record(digest);
            return stored.status() == 200 ? null : "accepted but not readable: " + stored.describe();
        }
        String problem = problemDefect(mutation, response);
        if (problem != null) {
            return problem;
        }
        ApiResponse stored = api.record(digest);
        if (stored.status() != 404 || !stored.body().contains("entry.not_found")) {
            return "a refused envelope left a record: " + stored.describe();
        }
        return null;
    }

    private static String problemDefect(PredicateMutations.Mutation mutation, ApiResponse response) {
        if (response.status() < 400 || !response.contentType().startsWith("application/problem+json")) {
            return "not a 4xx problem document";
        }
        JsonNode problem = response.json();
        String code = problem.path("code").asText("");
        if (code.isEmpty() || problem.path("status").asInt() != response.status()) {
            return "problem without code or with another status";
        }
        if (mutation.expect() == PredicateMutations.Expect.ANY) {
            return null;
        }
        if (!code.equals(mutation.code())) {
            return "code " + code + ", expected " + mutation.code();
        }
        if (mutation.pointer() != null && !PredicateApi.pointers(problem).contains(mutation.pointer())) {
            return "no error at " + mutation.pointer() + " (errors at " + PredicateApi.pointers(problem) + ")";
        }
        return null;
    }
}
