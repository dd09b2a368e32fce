package org.stellaops.attestor.sdk.tiles;

import java.io.IOException;

/**
 * Where a {@link TileReader} gets tiles and entry bundles: a directory, an HTTP read prefix, a cache.
 */
@FunctionalInterface
public interface TileSource {

    /**
     * Fetches one resource.
     *
     * @param path the resource path relative to the log's read prefix, for example {@code tile/0/x001/234.p/17}
     * @return the resource bytes
     * @throws java.nio.file.NoSuchFileException or {@link java.io.FileNotFoundException} if the resource does not
     *         exist
     * @throws IOException if it cannot be read
     */
    byte[] fetch(String path) throws IOException;
}
