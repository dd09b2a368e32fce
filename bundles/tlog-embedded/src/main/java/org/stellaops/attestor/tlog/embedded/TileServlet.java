package org.stellaops.attestor.tlog.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.tlog.embedded.tiles.TileRef;
import org.stellaops.attestor.tlog.embedded.witness.CosignatureStore;

/**
 * The read side of the log as static C2SP tlog-tiles resources: {@code GET checkpoint} and
 * {@code GET tile/...}, straight from the log directory (the checkpoint with its witness cosignatures). Paths are parsed into a {@link TileRef} and the file
 * name is rebuilt from it, so no request path ever reaches the file system; resources beyond the published
 * checkpoint (leftovers of an unpublished batch) are never served.
 */
public class TileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final transient Path directory;

    /** @param directory the log directory */
    public TileServlet(Path directory) {
        this.directory = directory;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if ("/checkpoint".equals(path)) {
            serveCheckpoint(response);
            return;
        }
        Optional<TileRef> tile = path == null || !path.startsWith("/") ? Optional.empty() : TileRef.parse(path.substring(1));
        if (tile.isEmpty()) {
            notFound(response);
            return;
        }
        byte[] checkpoint = DurableFiles.readIfExists(directory.resolve(CheckpointLog.LATEST));
        if (checkpoint == null || !tile.get().justifiedBy(publishedSize(checkpoint))) {
            notFound(response);
            return;
        }
        byte[] content = DurableFiles.readIfExists(new TileStore(directory).path(tile.get()));
        if (content == null) {
            notFound(response);
            return;
        }
        send(response, "application/octet-stream", IMMUTABLE, content);
    }

    /** The latest checkpoint, with the witness cosignatures collected for its size when there are any. */
    private void serveCheckpoint(HttpServletResponse response) throws IOException {
        byte[] checkpoint = DurableFiles.readIfExists(directory.resolve(CheckpointLog.LATEST));
        if (checkpoint == null) {
            notFound(response);
            return;
        }
        String served = CosignatureStore.served(directory, new String(checkpoint, StandardCharsets.UTF_8));
        send(response, "text/plain; charset=utf-8", "no-cache", served.getBytes(StandardCharsets.UTF_8));
    }

    private static long publishedSize(byte[] checkpoint) {
        try {
            return Checkpoints.parse(new String(checkpoint, StandardCharsets.UTF_8)).size();
        } catch (AttestorException e) {
            throw LogErrors.corrupt("the published checkpoint cannot be parsed: " + e.getMessage());
        }
    }

    private static void send(HttpServletResponse response, String type, String cache, byte[] content) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", type);
        response.setHeader("Cache-Control", cache);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(content.length);
        response.getOutputStream().write(content);
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.getOutputStream().write("not found\n".getBytes(StandardCharsets.US_ASCII));
    }
}
