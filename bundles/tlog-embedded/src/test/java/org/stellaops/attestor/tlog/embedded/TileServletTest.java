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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** The read API served by a real Jetty over loopback HTTP, read by a client that knows only the tlog-tiles layout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TileServletTest {

    private static final String ORIGIN = "servlet.test";
    private static final int SIZE = 600;

    private Path dir;

    private final MemoryKeyDriver key = MemoryKeyDriver.generate();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @BeforeAll
    void startLogAndServer(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        try (EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, ORIGIN, "service", 256, 0, ""), key)) {
            List<CompletionStage<LogEntry>> stages = new ArrayList<>();
            for (int i = 0; i < SIZE; i++) {
                stages.add(log.submit(Requests.bulk(i)));
            }
            stages.forEach(Verify::await);
        }
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new TileServlet(dir)), "/tlog/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/tlog/";
    }

    @AfterAll
    void stopServer() throws Exception {
        server.stop();
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] body(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    @Test
    void servesTheCheckpointAsUncachedUtf8Text() throws Exception {
        HttpResponse<byte[]> response = get("checkpoint");
        assertEquals(200, response.statusCode());
        // Jetty normalises "text/plain; charset=utf-8" by dropping the optional space.
        assertEquals("text/plain;charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElseThrow());
        assertArrayEquals(Files.readAllBytes(dir.resolve("checkpoint")), response.body());
    }

    @Test
    void servesTilesAsImmutableOctetStreams() throws Exception {
        HttpResponse<byte[]> response = get("tile/0/001");
        assertEquals(200, response.statusCode());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("tile/0/001")), response.body());
    }

    @Test
    void aClientReadingOnlyTheCheckpointAndTilesRecomputesTheSignedRoot() throws Exception {
        Checkpoint checkpoint = Verify.signedCheckpoint(new String(body("checkpoint"), StandardCharsets.UTF_8), ORIGIN,
                key.publicKey());
        long size = checkpoint.size();
        assertEquals(SIZE, size);
        List<byte[]> leaves = new ArrayList<>();
        List<byte[]> entries = new ArrayList<>();
        for (long n = 0; n < TileLayout.fullTiles(size, 0); n++) {
            addHashes(leaves, body("tile/0/" + TileLayout.encodeIndex(n)));
            entries.addAll(TilesOnDiskTest.parseBundle(body("tile/entries/" + TileLayout.encodeIndex(n))));
        }
        int width = TileLayout.partialWidth(size, 0);
        String edge = TileLayout.encodeIndex(TileLayout.fullTiles(size, 0)) + ".p/" + width;
        addHashes(leaves, body("tile/0/" + edge));
        entries.addAll(TilesOnDiskTest.parseBundle(body("tile/entries/" + edge)));
        assertEquals(size, leaves.size());
        for (int i = 0; i < size; i++) {
            assertArrayEquals(leaves.get(i), NaiveMerkle.leafHash(entries.get(i)));
        }
        Verify.sameBytes(checkpoint.rootHash(), NaiveMerkle.mth(leaves, 0, leaves.size()));
        byte[] level1 = body("tile/1/000.p/2");
        assertArrayEquals(NaiveMerkle.mth(leaves, 0, 256), Arrays.copyOfRange(level1, 0, 32));
        assertArrayEquals(NaiveMerkle.mth(leaves, 256, 512), Arrays.copyOfRange(level1, 32, 64));
    }

    @Test
    void answersNotFoundForPathsOutsideTheLayout() throws Exception {
        for (String path : List.of("checkpoints", "tile/0/1", "tile/0/x000/001", "tile/0/001.p/3.tmp", "tile/0/001/",
                "tile/64/000", "tile/0/002.p/088", "tile", "", "tile/0/%2e%2e/checkpoint", "tile/entries/000.p/0")) {
            int status = get(path).statusCode();
            assertTrue(status == 404 || status == 400, path + " answered " + status);
        }
        assertEquals(404, get("checkpoints").statusCode());
        assertEquals(404, get("tile/0/1").statusCode());
    }

    @Test
    void answersNotFoundForTilesBeyondThePublishedCheckpoint() throws Exception {
        Path stray = dir.resolve("tile/0/003");
        Files.write(stray, new byte[8192]);
        Path strayPartial = dir.resolve("tile/0/002.p/89");
        Files.write(strayPartial, new byte[89 * 32]);
        try {
            assertEquals(404, get("tile/0/003").statusCode());
            assertEquals(404, get("tile/0/002.p/89").statusCode());
            assertEquals(404, get("tile/0/002").statusCode());
            assertEquals(200, get("tile/0/002.p/88").statusCode());
        } finally {
            Files.delete(stray);
            Files.delete(strayPartial);
        }
    }

    @Test
    void refusesWritesWithMethodNotAllowed() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, response.statusCode());
    }

    private static void addHashes(List<byte[]> leaves, byte[] tile) {
        for (int i = 0; i < tile.length / 32; i++) {
            leaves.add(Arrays.copyOfRange(tile, i * 32, i * 32 + 32));
        }
    }
}
