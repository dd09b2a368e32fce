package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.note.SignedNote;
import org.stellaops.attestor.sdk.witness.Cosignatures;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.tlog.embedded.witness.WitnessSettings;
import org.stellaops.attestor.tlog.embedded.witness.WitnessStatus;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** Witness cosignatures collected from real C2SP tlog-witness servers over HTTP. */
class WitnessCollectorTest {

    private static final String ORIGIN = "witnessed.test";

    @TempDir
    Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestWitness witness(String name, boolean lying) throws IOException {
        TestWitness w = new TestWitness(name, ORIGIN, key.publicKey(), lying);
        resources.add(w);
        return w;
    }

    private EmbeddedLog open(String... witnesses) {
        EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 256, 0, ""), key,
                WitnessSettings.parse(witnesses, 20, 5_000));
        resources.add(log);
        return log;
    }

    private static List<LogEntry> append(EmbeddedLog log, int from, int count) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            entries.add(Verify.await(log.submit(Requests.request(i))));
        }
        return entries;
    }

    private static boolean cosignedBy(String note, Cosigner... witnesses) {
        return Cosignatures.countValid(SignedNote.parse(note), List.of(witnesses)) == witnesses.length;
    }

    private static void awaitCosigned(EmbeddedLog log, long size, Cosigner... witnesses) {
        Await.until("size " + size + " is cosigned", () -> {
            String note = log.latestCheckpoint().signedNote();
            return log.latestCheckpoint().size() == size && cosignedBy(note, witnesses);
        });
    }

    @Test
    void servesTheLatestCheckpointWithTheWitnessCosignaturesAfterTheLogSignature() throws Exception {
        TestWitness a = witness("witness.test/a", false);
        TestWitness b = witness("witness.test/b", false);
        EmbeddedLog log = open(a.config(), b.config());
        List<LogEntry> entries = append(log, 0, 5);
        awaitCosigned(log, 5, a.cosigner(), b.cosigner());
        String cosigned = log.latestCheckpoint().signedNote();
        String plain = entries.get(4).inclusionProof().checkpoint();
        assertTrue(cosigned.startsWith(plain), "the log's own signature line comes first, unchanged");
        assertEquals(3, SignedNote.parse(cosigned).signatures().size());
        Verify.signedCheckpoint(cosigned, ORIGIN, key.publicKey());
        assertEquals(cosigned, get(dir, "checkpoint"));
    }

    @Test
    void inclusionProofsAtACosignedSizeCarryTheCosignedCheckpointEvenOnceItIsNoLongerTheLatest() throws Exception {
        TestWitness a = witness("witness.test/a", false);
        EmbeddedLog log = open(a.config());
        List<LogEntry> entries = append(log, 0, 4);
        awaitCosigned(log, 4, a.cosigner());
        String cosigned4 = log.latestCheckpoint().signedNote();
        append(log, 4, 3);
        awaitCosigned(log, 7, a.cosigner());
        for (LogEntry e : entries) {
            InclusionProof proof = log.inclusionProof(e.logIndex(), 4);
            assertEquals(cosigned4, proof.checkpoint());
            Verify.inclusion(proof, HexFormat.of().parseHex(e.uuid()), ORIGIN, key.publicKey());
            InclusionProof latest = log.inclusionProof(e.logIndex(), 7);
            assertTrue(cosignedBy(latest.checkpoint(), a.cosigner()));
            Verify.inclusion(latest, HexFormat.of().parseHex(e.uuid()), ORIGIN, key.publicKey());
        }
    }

    @Test
    void cosignaturesSurviveARestartWithoutWitnesses() throws Exception {
        TestWitness a = witness("witness.test/a", false);
        EmbeddedLog first = open(a.config());
        append(first, 0, 3);
        awaitCosigned(first, 3, a.cosigner());
        String cosigned = first.latestCheckpoint().signedNote();
        first.close();
        EmbeddedLog again = open();
        assertEquals(cosigned, again.latestCheckpoint().signedNote());
        assertEquals(cosigned, again.inclusionProof(0, 3).checkpoint());
        assertEquals(cosigned, get(dir, "checkpoint"));
    }

    @Test
    void aRestartedLogRemembersWhatEachWitnessCosignedAndNeedsNoConflict() throws Exception {
        TestWitness a = witness("witness.test/a", false);
        EmbeddedLog first = open(a.config());
        append(first, 0, 3);
        awaitCosigned(first, 3, a.cosigner());
        first.close();
        EmbeddedLog again = open(a.config());
        append(again, 3, 2);
        awaitCosigned(again, 5, a.cosigner());
        assertEquals(0, a.conflicts());
    }

    @Test
    void convergesWhenTheWitnessHoldsAnotherSizeThanTheLogRemembers() throws Exception {
        TestWitness a = witness("witness.test/a", false);
        EmbeddedLog first = open(a.config());
        append(first, 0, 3);
        awaitCosigned(first, 3, a.cosigner());
        first.close();
        try (Stream<Path> files = Files.list(dir.resolve("witnesses"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        EmbeddedLog again = open(a.config());
        append(again, 3, 2);
        awaitCosigned(again, 5, a.cosigner());
        assertTrue(a.conflicts() >= 1, "the witness answered 409 to the forgotten size");
        assertEquals(5, a.size());
        assertEquals(5, again.witnessStatus().get(0).lastCosignedSize());
    }

    @Test
    void aWitnessThatIsDownNeverStopsAppends() throws Exception {
        TestWitness good = witness("witness.test/good", false);
        Cosigner downKey = witness("witness.test/down", false).cosigner();
        String down = downKey.vkey() + " http://127.0.0.1:" + closedPort() + "/add-checkpoint";
        EmbeddedLog log = open(down, good.config());
        List<LogEntry> entries = append(log, 0, 20);
        entries.forEach(e -> Verify.entry(e, ORIGIN, key.publicKey()));
        awaitCosigned(log, 20, good.cosigner());
        Await.until("the dead witness's failure is reported", () -> log.witnessStatus().get(0).failures() > 0);
        WitnessStatus dead = log.witnessStatus().get(0);
        assertEquals("witness.test/down", dead.name());
        assertNotNull(dead.lastError());
        assertNull(dead.lastSuccess());
        assertEquals(0, dead.lastCosignedSize());
        assertNotNull(log.witnessStatus().get(1).lastSuccess());
    }

    @Test
    void reportsEachWitnessAnswerAsAnEvent() throws Exception {
        TestWitness good = witness("witness.test/good", false);
        String down = witness("witness.test/down", false).cosigner().vkey() + " http://127.0.0.1:" + closedPort()
                + "/add-checkpoint";
        EmbeddedLog log = open(down, good.config());
        List<Map<String, Object>> reported = new CopyOnWriteArrayList<>();
        log.reportWitnessingTo((verb, properties) -> {
            Map<String, Object> event = new HashMap<>(properties);
            event.put("verb", verb);
            reported.add(event);
        });
        append(log, 0, 3);
        Await.until("a COSIGNED event of size 3 by the good witness", () -> reported.stream().anyMatch(e ->
                "COSIGNED".equals(e.get("verb")) && "witness.test/good".equals(e.get("witness"))
                        && Long.valueOf(3).equals(e.get("size")) && Integer.valueOf(1).equals(e.get("cosignatures"))));
        Await.until("a WITNESS_FAILED event for the witness that is down", () -> reported.stream().anyMatch(e ->
                "WITNESS_FAILED".equals(e.get("verb")) && "witness.test/down".equals(e.get("witness"))
                        && e.get("detail") != null));
    }

    @Test
    void ignoresACosignatureThatDoesNotVerify() throws Exception {
        TestWitness liar = witness("witness.test/liar", true);
        TestWitness good = witness("witness.test/good", false);
        EmbeddedLog log = open(liar.config(), good.config());
        append(log, 0, 2);
        awaitCosigned(log, 2, good.cosigner());
        Await.until("the bad cosignature is reported", () -> log.witnessStatus().get(0).lastError() != null);
        assertTrue(log.witnessStatus().get(0).lastError().contains("without a valid cosignature"));
        assertTrue(liar.requests() > 0);
        SignedNote note = SignedNote.parse(log.latestCheckpoint().signedNote());
        assertTrue(note.signatures().stream().noneMatch(s -> s.name().equals("witness.test/liar")));
        assertEquals(2, note.signatures().size());
    }

    /** GET a resource of the read API through a real Jetty serving the log directory. */
    private static String get(Path logDir, String path) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TileServlet(logDir)), "/tlog/*");
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/tlog/" + path);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        } finally {
            server.stop();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
