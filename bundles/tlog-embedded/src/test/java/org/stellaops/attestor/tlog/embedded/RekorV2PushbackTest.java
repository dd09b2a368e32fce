package org.stellaops.attestor.tlog.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.rekor.RekorV2;
import org.stellaops.attestor.tlog.embedded.rekor.RekorV2Servlet;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/** Pushback: a log whose single queue slot is taken while the sequencer is held inside a batch. */
class RekorV2PushbackTest {

    @TempDir
    Path dir;

    @Test
    void answersServiceUnavailableWhenTheQueueIsFull() throws Exception {
        BlockingKeyDriver driver = new BlockingKeyDriver(MemoryKeyDriver.generate());
        EmbeddedLog log = EmbeddedLog.open(new LogSettings(dir, "pushback.test", "service", 1, 0, "").withMaxPending(1), driver);
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        RekorV2ServletTest.mount(context, new RekorV2Servlet(log, 1 << 20, 60_000), RekorV2.ENTRIES_PATH);
        server.setHandler(context);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                    + RekorV2.ENTRIES_PATH);
            HttpClient http = HttpClient.newHttpClient();
            driver.arm();
            CompletableFuture<HttpResponse<String>> held = send(http, uri, "held");
            driver.awaitHolding();
            // One queue slot, two contenders: whichever arrives second is pushed back.
            List<CompletableFuture<HttpResponse<String>>> contenders = List.of(send(http, uri, "b"), send(http, uri, "c"));
            HttpResponse<String> refused = CompletableFuture.anyOf(contenders.toArray(CompletableFuture[]::new))
                    .thenApply(r -> (HttpResponse<String>) r).join();
            assertEquals(503, refused.statusCode());
            assertEquals(14, StrictJson.parse(refused.body().getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT).get("code").intValue());
            assertEquals("reached max pushback; retry", StrictJson.parse(refused.body().getBytes(StandardCharsets.UTF_8),
                    JsonLimits.DEFAULT).get("message").textValue());
            driver.release();
            assertEquals(201, held.join().statusCode());
            long created = contenders.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 201).count();
            assertEquals(1, created);
        } finally {
            driver.release();
            server.stop();
            log.close();
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(HttpClient http, URI uri, String artifact) {
        return http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RekorV2.requestJson(Signers.P256.request(artifact)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
