package org.stellaops.attestor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.sdk.tiles.TilePaths;

/**
 * Reads every entry of a C2SP tile log through its public read prefix, the way an auditor would: entry bundles
 * of 256 entries, each entry prefixed by its uint16 big-endian length.
 */
final class LogTiles {

    private final URI readPrefix;
    private final HttpClient http;

    /** Reads the tiles of a log served by {@code server} (over HTTPS trusting its CA, or plain HTTP). */
    LogTiles(URI readPrefix, AttestorProcess server) {
        this.http = TestHttp.client(server);
        this.readPrefix = readPrefix.toString().endsWith("/") ? readPrefix : URI.create(readPrefix + "/");
    }

    /** @return the checkpoint note, verbatim */
    String checkpoint() {
        return new String(fetch("checkpoint"), StandardCharsets.UTF_8);
    }

    /**
     * @param size a tree size covered by a verified checkpoint
     * @return the first {@code size} entries, in log order
     */
    List<byte[]> entries(long size) {
        List<byte[]> entries = new ArrayList<>();
        for (long bundle = 0; bundle * 256 < size; bundle++) {
            int width = (int) Math.min(256, size - bundle * 256);
            ByteBuffer bytes = ByteBuffer.wrap(fetch(TilePaths.entries(bundle, width)));
            for (int i = 0; i < width; i++) {
                byte[] entry = new byte[Short.toUnsignedInt(bytes.getShort())];
                bytes.get(entry);
                entries.add(entry);
            }
            assertEquals(0, bytes.remaining(), "entry bundle " + bundle + " has trailing bytes");
        }
        return entries;
    }

    private byte[] fetch(String path) {
        URI uri = readPrefix.resolve(path);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TestSettings.HTTP_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), () -> "GET " + uri);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + uri, e);
        }
    }
}
