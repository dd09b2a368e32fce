package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.HashedRekord;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.tlog.embedded.rekor.RekorV2Servlet;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** The Rekor v2 write API on a real Jetty over loopback HTTP, checked the way a Sigstore client checks it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RekorV2ServletTest {

    private static final String ORIGIN = "rekor.v2.test";
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedLog log;
    private EmbeddedLog frozen;
    private RekorV2Servlet servlet;
    private Server server;
    private String base;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        log = EmbeddedLog.open(new LogSettings(dir.resolve("log"), ORIGIN, "service", 256, 0, ""), key);
        frozen = EmbeddedLog.open(new LogSettings(dir.resolve("frozen"), ORIGIN, "service", 256, 0, "").withReadOnly(true), key);
        servlet = new RekorV2Servlet(log, MAX_BYTES, 20_000);
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        mount(context, servlet, RekorV2.ENTRIES_PATH);
        mount(context, new RekorV2Servlet(frozen, MAX_BYTES, 20_000), "/frozen" + RekorV2.ENTRIES_PATH);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    static void mount(ServletContextHandler context, RekorV2Servlet servlet, String path) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        log.close();
        frozen.close();
    }

    private HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return http.send(request(path, contentType, body), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpResponse<byte[]> create(HashedRekordRequest request) throws IOException, InterruptedException {
        return post(RekorV2.ENTRIES_PATH, "application/json", RekorV2.requestJson(request));
    }

    /** Checks a 201 body as a client would: parse, checkpoint signature, then the proof against its root. */
    private RekorV2.ParsedEntry verifyCreated(HttpResponse<byte[]> response, HashedRekordRequest request) throws Exception {
        assertEquals(201, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        RekorV2.ParsedEntry entry = RekorV2.parseEntry(response.body(), JsonLimits.DEFAULT);
        assertEquals("hashedrekord", entry.kind());
        assertEquals("0.0.2", entry.version());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(PublicKeys.spki(key.publicKey())), entry.logKeyId());
        assertArrayEquals(HashedRekord.canonicalBody(request), entry.canonicalizedBody());
        assertEquals(entry.logIndex(), entry.proofLogIndex());
        Checkpoint checkpoint = Verify.signedCheckpoint(entry.checkpoint(), ORIGIN, key.publicKey());
        assertEquals(checkpoint.size(), entry.treeSize());
        assertArrayEquals(checkpoint.rootHash().value(), entry.rootHash());
        InclusionProofs.verify(entry.logIndex(), entry.treeSize(), Rfc6962.leafHash(entry.canonicalizedBody()),
                entry.hashes(), checkpoint.rootHash().value());
        return entry;
    }

    private static void assertInvalid(HttpResponse<byte[]> response, int status, int grpcCode) {
        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode error = StrictJson.parse(response.body(), JsonLimits.DEFAULT);
        assertEquals(grpcCode, error.get("code").intValue());
        assertTrue(error.get("details").isArray());
    }

    @Test
    void createsAnEntryForAnEcdsaP256SignatureWithAProofAgainstASignedCheckpoint() throws Exception {
        HashedRekordRequest request = Signers.P256.request("p256 artifact");
        verifyCreated(create(request), request);
    }

    @Test
    void createsAnEntryForAnRsa3072Pkcs1Signature() throws Exception {
        HashedRekordRequest request = Signers.RSA3072.request("rsa artifact");
        RekorV2.ParsedEntry entry = verifyCreated(create(request), request);
        assertTrue(new String(entry.canonicalizedBody(), StandardCharsets.UTF_8).contains("PKIX_RSA_PKCS1V15_3072_SHA256"));
    }

    @Test
    void answersConflictWithTheIndexOfTheFirstEntryForADuplicate() throws Exception {
        HashedRekordRequest request = Signers.P256.request("duplicate artifact");
        RekorV2.ParsedEntry first = verifyCreated(create(request), request);
        HttpResponse<byte[]> again = create(request);
        assertInvalid(again, 409, 6);
        assertEquals(Long.toString(first.logIndex()), again.headers().firstValue("x-log-index").orElseThrow());
        assertEquals("an equivalent entry already exists in the transparency log with index " + first.logIndex(),
                StrictJson.parse(again.body(), JsonLimits.DEFAULT).get("message").textValue());
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneEntry() throws Exception {
        HashedRekordRequest request = Signers.P256.request("raced artifact");
        long before = log.latestCheckpoint().size();
        List<CompletableFuture<HttpResponse<byte[]>>> racing = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            racing.add(http.sendAsync(request(RekorV2.ENTRIES_PATH, "application/json", RekorV2.requestJson(request)),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<HttpResponse<byte[]>> responses = racing.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<byte[]>> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(1, created.size());
        long index = verifyCreated(created.get(0), request).logIndex();
        for (HttpResponse<byte[]> r : responses) {
            if (r.statusCode() != 201) {
                assertInvalid(r, 409, 6);
                assertEquals(Long.toString(index), r.headers().firstValue("x-log-index").orElseThrow());
            }
        }
        assertEquals(before + 1, log.latestCheckpoint().size());
    }

    /*
     * A refusal that reads no body used to leave it on a connection the client had pooled, and Jetty then closed that
     * connection under the client's next request ("header parser received no bytes") in about one round in 15.
     */
    @Test
    void aRefusalThatReadsNoBodyLeavesTheConnectionUsableForTheNextRequest() throws Exception {
        byte[] json = RekorV2.requestJson(Signers.P256.request("refused then reused"));
        for (int round = 0; round < 100; round++) {
            assertInvalid(post(RekorV2.ENTRIES_PATH, "text/plain", json), 400, 3);
            assertInvalid(create(Signers.ED25519.request("ed25519 after a refusal")), 400, 3);
        }
    }

    /*
     * A refusal that leaves more than it may drop closes the connection; closing while the client still sent its body
     * used to reset the connection before the client read the answer, in about one round in a hundred under load.
     */
    @Test
    void aRefusalLeavingMoreBodyThanItWouldDropReachesTheClientBeforeTheConnectionCloses() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024];
        for (int round = 0; round < 20; round++) {
            HttpResponse<byte[]> refused = post(RekorV2.ENTRIES_PATH, "text/plain", large);
            assertInvalid(refused, 400, 3);
            assertEquals("close", refused.headers().firstValue("Connection").orElse(""));
        }
    }

    @Test
    void refusesPureEd25519Signatures() throws Exception {
        assertInvalid(create(Signers.ED25519.request("ed25519 artifact")), 400, 3);
    }

    @Test
    void refusesRsaPssSignatures() throws Exception {
        assertInvalid(create(Signers.RSA_PSS3072.request("pss artifact")), 400, 3);
    }

    @Test
    void refusesASignatureThatDoesNotCoverTheDigest() throws Exception {
        HashedRekordRequest valid = Signers.P256.request("tampered artifact");
        byte[] digest = valid.digest().value();
        digest[0] ^= 1;
        HashedRekordRequest tampered = new HashedRekordRequest(org.stellaops.attestor.api.model.Bytes.of(digest),
                valid.signature(), valid.publicKey(), valid.algorithm());
        HttpResponse<byte[]> response = create(tampered);
        assertInvalid(response, 400, 3);
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("invalid hashedrekord request"));
    }

    @Test
    void refusesUnknownJsonFields() throws Exception {
        String json = new String(RekorV2.requestJson(Signers.P256.request("unknown field")), StandardCharsets.UTF_8);
        String extended = json.replaceFirst("\\{\"hashedRekordRequestV002\":\\{", "{\"hashedRekordRequestV002\":{\"extra\":1,");
        assertTrue(extended.contains("\"extra\""));
        assertInvalid(post(RekorV2.ENTRIES_PATH, "application/json", extended.getBytes(StandardCharsets.UTF_8)), 400, 3);
    }

    @Test
    void refusesDsseRequests() throws Exception {
        String dsse = "{\"dsseRequestV002\":{\"envelope\":{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"signatures\":[{\"sig\":\"AAAA\",\"keyid\":\"\"}]},\"verifiers\":[]}}";
        assertInvalid(post(RekorV2.ENTRIES_PATH, "application/json", dsse.getBytes(StandardCharsets.UTF_8)), 400, 3);
    }

    @Test
    void refusesABodyLargerThanTheLimitWithBadRequestAsRekorTilesDoes() throws Exception {
        byte[] huge = new byte[MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertInvalid(post(RekorV2.ENTRIES_PATH, "application/json", huge), 400, 3);
    }

    @Test
    void refusesBodiesThatAreNotJson() throws Exception {
        byte[] json = RekorV2.requestJson(Signers.P256.request("text plain"));
        assertInvalid(post(RekorV2.ENTRIES_PATH, "text/plain", json), 400, 3);
    }

    @Test
    void acceptsAJsonContentTypeWithACharset() throws Exception {
        HashedRekordRequest request = Signers.P256.request("charset artifact");
        verifyCreated(post(RekorV2.ENTRIES_PATH, "application/json; charset=utf-8", RekorV2.requestJson(request)), request);
    }

    @Test
    void answersMethodNotAllowedToAnythingButPost() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + RekorV2.ENTRIES_PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void aFrozenLogAnswersMethodNotAllowedWithRekorTilesMessage() throws Exception {
        HttpResponse<byte[]> response = post("/frozen" + RekorV2.ENTRIES_PATH, "application/json",
                RekorV2.requestJson(Signers.P256.request("frozen artifact")));
        assertEquals(405, response.statusCode());
        assertEquals("This log has been frozen, please switch to the latest log.\n",
                new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(0, frozen.latestCheckpoint().size());
    }

    @Test
    void countsEveryRequestByOutcome() throws Exception {
        long invalidBefore = servlet.counts().get(RekorV2Servlet.Outcome.WRONG_CONTENT_TYPE);
        long createdBefore = servlet.counts().get(RekorV2Servlet.Outcome.CREATED);
        create(Signers.P256.request("counted artifact"));
        post(RekorV2.ENTRIES_PATH, "text/plain", new byte[] {'{', '}'});
        assertEquals(createdBefore + 1, servlet.counts().get(RekorV2Servlet.Outcome.CREATED));
        assertEquals(invalidBefore + 1, servlet.counts().get(RekorV2Servlet.Outcome.WRONG_CONTENT_TYPE));
    }
}
