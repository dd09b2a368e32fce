package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/rekor/entries} on a fresh server holding seven records: four signed by key A (two of them for
 * the same subject), three by key B. Every filter must find exactly its records, and paging must visit every record
 * once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT {

    private static final String SHARED = "shared-subject.jar";

    private AttestorProcess server;
    private ApiClient api;
    private BatchApiClient client;
    private SigningKey keyA;
    private SigningKey keyB;
    private final Set<String> sharedDigests = new TreeSet<>();
    private final Set<String> byA = new TreeSet<>();
    private final Set<String> byB = new TreeSet<>();

    @BeforeAll
    void submitSevenAttestations() {
        server = AttestorProcess.startFresh();
        api = new ApiClient(server);
        client = new BatchApiClient(server);
        keyA = SigningKey.generate();
        keyB = SigningKey.generate();
        api.addTrustedKey("key-a", keyA.publicKeyPem());
        api.addTrustedKey("key-b", keyB.publicKeyPem());
        sharedDigests.add(submit(keyA, statement(SHARED, 1)));
        sharedDigests.add(submit(keyA, statement(SHARED, 2)));
        byA.addAll(sharedDigests);
        byA.add(submit(keyA, statement("a-1.jar", 1)));
        byA.add(submit(keyA, statement("a-2.jar", 1)));
        for (int i = 1; i <= 3; i++) {
            byB.add(submit(keyB, statement("b-" + i + ".jar", 1)));
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** A statement for the artifact; {@code run} tells apart statements about the same artifact. */
    private static ObjectNode statement(String artifact, int run) {
        ObjectNode statement = Attestations.slsaStatement(artifact);
        ((ObjectNode) statement.path("predicate").path("runDetails").path("metadata")).put("invocationId",
                "https://github.com/stellaops/attestor/actions/runs/" + run + "/attempts/1");
        return statement;
    }

    /** @return the envelope digest of the stored record */
    private String submit(SigningKey key, ObjectNode statement) {
        ApiResponse response = api.submit(Attestations.json(key.sign(Attestations.bytes(statement))));
        assertEquals(201, response.status(), response::describe);
        return response.json().path("envelopeDigest").asText();
    }

    private static Set<String> digests(List<JsonNode> entries) {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.path("envelopeDigest").asText()));
        return out;
    }

    private Set<String> all() {
        Set<String> all = new TreeSet<>(byA);
        all.addAll(byB);
        return all;
    }

    private static String subject(String artifact) {
        return "sha256:" + Attestations.sha256Hex(artifact.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsEveryRecordOfOneSubjectAndNoOther() {
        assertEquals(sharedDigests, digests(client.searchAll(BatchApiClient.query("subject", subject(SHARED)), 100)));
        assertEquals(Set.of(), digests(client.searchAll(BatchApiClient.query("subject", subject("absent.jar")), 100)));
    }

    @Test
    void findsRecordsByPredicateType() {
        assertEquals(all(), digests(client.searchAll(BatchApiClient.query("predicateType", Attestations.SLSA_V1), 100)));
        assertEquals(Set.of(), digests(client.searchAll(BatchApiClient.query("predicateType",
                "https://example.com/none/v1"), 100)));
    }

    @Test
    void findsRecordsBySignerAndCombinesFilters() {
        assertEquals(byA, digests(client.searchAll(BatchApiClient.query("signer", keyA.keyId()), 100)));
        assertEquals(byB, digests(client.searchAll(BatchApiClient.query("signer", keyB.keyId()), 100)));
        assertEquals(sharedDigests, digests(client.searchAll(BatchApiClient.query("signer", keyA.keyId(), "subject",
                subject(SHARED), "predicateType", Attestations.SLSA_V1), 100)));
        assertEquals(Set.of(), digests(client.searchAll(BatchApiClient.query("signer", keyB.keyId(), "subject",
                subject(SHARED)), 100)));
    }

    @Test
    void pagesThroughEveryRecordExactlyOnceNewestFirst() {
        ApiResponse firstPage = client.get("/api/v1/rekor/entries?limit=2");
        assertEquals(2, firstPage.json().path("entries").size(), firstPage::describe);
        assertFalse(firstPage.json().path("nextCursor").isNull(), firstPage::describe);

        List<JsonNode> entries = client.searchAll("", 2);

        assertEquals(7, entries.size());
        assertEquals(all(), digests(entries));
        List<Instant> times = new ArrayList<>();
        entries.forEach(e -> times.add(Instant.parse(e.path("createdAt").asText())));
        List<Instant> newestFirst = new ArrayList<>(times);
        newestFirst.sort(Comparator.reverseOrder());
        assertEquals(newestFirst, times, "newest first");
    }

    @Test
    void limitsRecordsToATimeWindow() {
        List<JsonNode> entries = client.searchAll("", 100);
        String oldest = entries.get(entries.size() - 1).path("createdAt").asText();
        String newest = entries.get(0).path("createdAt").asText();
        assertEquals(all(), digests(client.searchAll(BatchApiClient.query("since", oldest), 100)), "since is inclusive");
        assertEquals(Set.of(), digests(client.searchAll(BatchApiClient.query("until", oldest), 100)),
                "until is exclusive");
        Set<String> newestOnly = digests(client.searchAll(BatchApiClient.query("since", newest), 100));
        assertTrue(newestOnly.contains(entries.get(0).path("envelopeDigest").asText()), newestOnly::toString);
        assertEquals(7, digests(client.searchAll(BatchApiClient.query("since", oldest, "until",
                Instant.parse(newest).plusNanos(1).toString()), 3)).size());
    }

    @Test
    void listsRecordsInTheFetchViewWithoutTheEnvelope() {
        JsonNode listed = client.get("/api/v1/rekor/entries?limit=1").json().path("entries").path(0);
        ApiResponse fetched = api.get("/api/v1/rekor/entries/" + listed.path("uuid").asText());
        ObjectNode view = (ObjectNode) fetched.json();
        view.remove("envelope");
        assertEquals(view, listed);
    }

    @Test
    void refusesBadParametersNamingThem() {
        for (String query : List.of("limit=0", "limit=1001", "since=yesterday", "subject=abc", "signer=nobody",
                "cursor=nonsense", "predicate_type=x")) {
            ApiResponse response = client.get("/api/v1/rekor/entries?" + query);
            JsonNode problem = response.assertProblem(400, "request.invalid");
            String name = query.substring(0, query.indexOf('='));
            assertTrue(problem.path("detail").asText().contains(name), response::describe);
        }
    }
}
