package org.stellaops.attestor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;

/**
 * A real HTTPS server on loopback answering the key API with fixed answers per {@code "METHOD /path"} (404
 * {@code request.not_found} for anything else), and runs {@code stella} against it with a token and its CA.
 */
final class KeyServer implements AutoCloseable {

    /** A key as {@code GET /api/v1/keys/release} answers it: version 1 retired, version 2 active. */
    static final String KEY_ID_1 = "1a".repeat(32);
    static final String KEY_ID_2 = "2b".repeat(32);
    static final String KEY = "{\"name\":\"release\",\"own\":true,\"versions\":["
            + version(KEY_ID_1, 1, "retired", "\"2026-04-01T00:00:00Z\"") + ","
            + version(KEY_ID_2, 2, "active", "null") + "]}";
    static final String LISTING = "{\"drivers\":[{\"name\":\"file\",\"capabilities\":{\"algorithms\":"
            + "[\"ECDSA_P256_SHA256\",\"ED25519\"],\"exportable\":true,\"hardwareBacked\":false,\"humanPresence\":false,"
            + "\"importFormats\":[\"cosign\"],\"exportFormats\":[\"cosign\",\"public-pem\"]},\"ceremonies\":false}],"
            + "\"keys\":[" + KEY + "]}";

    private final TestTls.Server server;
    private final Path caFile;
    private final Map<String, TestTls.Response> answers = new ConcurrentHashMap<>();

    KeyServer(Path dir) throws Exception {
        TestTls.Ca ca = TestTls.Ca.create("CN=Key test CA");
        caFile = ca.writePem(dir.resolve("ca.pem"));
        server = new TestTls.Server(ca.loopbackServerContext(), request -> answers.getOrDefault(
                request.method() + " " + request.path(), TestTls.Response.json(404,
                        "{\"status\":404,\"code\":\"request.not_found\",\"detail\":\"no such operation\"}")));
    }

    static String version(String keyId, int number, String state, String retiredAt) {
        return "{\"keyId\":\"" + keyId + "\",\"name\":\"release\",\"version\":" + number + ",\"algorithm\":"
                + "\"ECDSA_P256_SHA256\",\"state\":\"" + state + "\",\"validFrom\":\"2026-03-01T12:00:00Z\","
                + "\"retiredAt\":" + retiredAt + ",\"revokedAt\":null,\"revocationReason\":null,\"compromisedAt\":null,"
                + "\"driver\":\"file\",\"shared\":false,\"createdAt\":\"2026-03-01T12:00:00Z\",\"publicKeyPem\":"
                + "\"-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----\\n\"}";
    }

    /** Answers {@code "METHOD /path"} with this status and JSON body. */
    KeyServer answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, TestTls.Response.json(status, body));
        return this;
    }

    List<TestTls.Request> requests() {
        return server.requests();
    }

    /** @return the JSON body of the request at that index */
    JsonNode body(int index) {
        return StrictJson.parse(requests().get(index).body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                JsonLimits.DEFAULT);
    }

    /** Runs stella against this server with a token, in an environment with only the given variables. */
    Cli.Result run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", server.url(), "--cacert", caFile.toString(), "--token",
                "tok"));
        all.addAll(List.of(args));
        return Cli.runWithEnv(env, all.toArray(String[]::new));
    }

    Cli.Result run(String... args) {
        return run(Map.of(), args);
    }

    @Override
    public void close() {
        server.close();
    }
}
