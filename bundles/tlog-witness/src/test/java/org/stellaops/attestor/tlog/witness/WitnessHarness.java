package org.stellaops.attestor.tlog.witness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.stellaops.attestor.keys.file.FileKeyDriver;
import org.stellaops.attestor.sdk.witness.AddCheckpointRequest;
import org.stellaops.attestor.sdk.witness.Cosigner;
import org.stellaops.attestor.testing.Osgi;

/**
 * The witness component as Declarative Services would build it (data directory from the framework property, the
 * real file key driver), mounted on a real Jetty at {@code /witness/*} and reached over loopback HTTP.
 */
final class WitnessHarness implements AutoCloseable {

    static final String NAME = "witness.test/w1";

    final Path dataDir;
    final FileKeyDriver keyDriver;
    final WitnessServletComponent component;
    final RecordingEventAdmin events = new RecordingEventAdmin();
    private final Server server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    private WitnessHarness(Path dataDir, Map<String, Object> config) throws Exception {
        this.dataDir = dataDir;
        this.keyDriver = new FileKeyDriver(dataDir.resolve("keys"), null);
        this.component = new WitnessServletComponent(Osgi.context(Map.of(DataFiles.DATA_DIR_PROPERTY, dataDir.toString())),
                Osgi.config(WitnessConfig.class, config), keyDriver);
        component.bindEventAdmin(events);
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(component), "/witness/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/witness/";
    }

    /** Starts a witness that knows the given logs. */
    static WitnessHarness start(Path dataDir, LogKey... logs) throws Exception {
        return start(dataDir, Map.of(), logs);
    }

    /** Starts a witness with extra configuration. */
    static WitnessHarness start(Path dataDir, Map<String, Object> extra, LogKey... logs) throws Exception {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("name", NAME);
        config.put("logs", List.of(logs).stream().map(LogKey::vkey).toArray(String[]::new));
        return new WitnessHarness(dataDir, config);
    }

    HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(postRequest(body), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> addCheckpoint(long oldSize, List<byte[]> proof, String checkpoint)
            throws IOException, InterruptedException {
        return post(new AddCheckpointRequest(oldSize, proof, checkpoint).format());
    }

    CompletableFuture<HttpResponse<String>> addCheckpointAsync(long oldSize, List<byte[]> proof, String checkpoint) {
        return http.sendAsync(postRequest(new AddCheckpointRequest(oldSize, proof, checkpoint).format()),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the witness identity as a client configures it, from the published verifier key */
    Cosigner cosigner() throws IOException, InterruptedException {
        HttpResponse<String> key = get("key");
        if (key.statusCode() != 200) {
            throw new AssertionError("GET key answered " + key.statusCode());
        }
        return Cosigner.parseVkey(key.body().trim());
    }

    private HttpRequest postRequest(String body) {
        return HttpRequest.newBuilder(URI.create(base + "add-checkpoint")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
