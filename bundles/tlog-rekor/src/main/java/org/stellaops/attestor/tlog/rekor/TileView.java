package org.stellaops.attestor.tlog.rekor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stellaops.attestor.api.tlog.TransparencyLogException;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.tiles.TileReader;
import org.stellaops.attestor.sdk.tiles.TileSource;

/**
 * The C2SP tlog-tiles read side of a Rekor v2 log over HTTP: the checkpoint and, for sizes taken from verified
 * checkpoints, roots, proofs and entries computed from tiles. Calls block; run them off the caller's thread.
 */
final class TileView {

    private static final String CHECKPOINT = "checkpoint";
    private static final Pattern PARTIAL = Pattern.compile("(tile/(?:entries|[0-9]+)/(?:x[0-9]{3}/)*[0-9]{3})\\.p/([1-9][0-9]{0,2})");
    private static final int HASH_LENGTH = 32;

    private final HttpTransport http;
    private final URI readUrl;
    private final LogErrors errors;
    private final TileReader reader;

    TileView(HttpTransport http, URI readUrl, LogErrors errors) {
        this.http = http;
        this.readUrl = readUrl;
        this.errors = errors;
        this.reader = new TileReader(new HttpTiles());
    }

    /** @return the URI of the checkpoint */
    URI checkpointUri() {
        return readUrl.resolve(CHECKPOINT);
    }

    /** @return the read prefix */
    URI readUrl() {
        return readUrl;
    }

    /**
     * @return the log's current checkpoint note, unverified
     * @throws TransparencyLogException {@code tlog.unavailable} if it cannot be read
     */
    String checkpoint() {
        URI uri = checkpointUri();
        HttpResponse<byte[]> response = http.getOrFail(uri);
        if (response.statusCode() != 200) {
            throw errors.unavailable(uri, "checkpoint answered HTTP " + response.statusCode(), null);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    byte[] root(long size) {
        return read(() -> reader.root(size), "the root of size " + size);
    }

    List<byte[]> inclusion(long index, long size) {
        return read(() -> reader.inclusionProof(index, size), "the inclusion proof of " + index + " in " + size);
    }

    List<byte[]> consistency(long size1, long size2) {
        return read(() -> reader.consistencyProof(size1, size2), "the consistency proof " + size1 + " → " + size2);
    }

    byte[] entry(long index, long size) {
        return read(() -> reader.entry(index, size), "entry " + index + " (tree size " + size + ")");
    }

    private <T> T read(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (AttestorException e) {
            if ("tiles.unavailable".equals(e.code())) {
                throw errors.unavailable(readUrl, "cannot read the tiles for " + what + ": " + e.getMessage(), e);
            }
            throw errors.badProof(readUrl, "the tiles for " + what + " are invalid (" + e.code() + "): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw errors.badProofRequest(readUrl, "cannot compute " + what + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw errors.badProof(readUrl, "the tiles for " + what + " are inconsistent: " + e.getMessage(), e);
        }
    }

    /**
     * Tiles over HTTP; 404 is "absent" so the reader can tell a missing tile from a failing log. A log may delete a
     * partial tile once the full tile exists (C2SP tlog-tiles), so a missing partial tile is cut from the full one.
     */
    private final class HttpTiles implements TileSource {
        @Override
        public byte[] fetch(String path) throws IOException {
            try {
                return get(path);
            } catch (NoSuchFileException missing) {
                Matcher partial = PARTIAL.matcher(path);
                if (!partial.matches()) {
                    throw missing;
                }
                byte[] full = get(partial.group(1));
                int width = Integer.parseInt(partial.group(2));
                return partial.group(1).startsWith("tile/entries/") ? bundlePrefix(full, width, path) : hashPrefix(full, width, path);
            }
        }

        private byte[] get(String path) throws IOException {
            URI uri = readUrl.resolve(path);
            HttpResponse<byte[]> response = http.get(uri);
            if (response.statusCode() == 404) {
                throw new NoSuchFileException(uri.toString());
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            return response.body();
        }
    }

    private static byte[] hashPrefix(byte[] full, int width, String path) throws IOException {
        if (full.length < width * HASH_LENGTH) {
            throw new IOException("the full tile for " + path + " is shorter than " + width + " hashes");
        }
        return Arrays.copyOf(full, width * HASH_LENGTH);
    }

    private static byte[] bundlePrefix(byte[] full, int width, String path) throws IOException {
        int offset = 0;
        for (int i = 0; i < width; i++) {
            if (offset + 2 > full.length) {
                throw new IOException("the full entry bundle for " + path + " holds fewer than " + width + " entries");
            }
            offset += 2 + ((full[offset] & 0xff) << 8 | (full[offset + 1] & 0xff));
        }
        if (offset > full.length) {
            throw new IOException("the full entry bundle for " + path + " is truncated");
        }
        return Arrays.copyOf(full, offset);
    }
}
