package org.stellaops.attestor.sdk.tiles;

import java.util.List;
import java.util.Objects;

import org.stellaops.attestor.sdk.merkle.ProofBuilder;

/**
 * Computes roots, inclusion and consistency proofs and reads entries of a C2SP tlog-tiles log. Every method takes
 * the tree size from a checkpoint the caller has already verified, and fetches only tiles that size justifies: full
 * tiles where the size covers them, otherwise the partial tile of width floor(size / 256^L) mod 256. Tiles are
 * fetched at most once per call and nothing is kept between calls, so one reader may serve many threads if its
 * source can.
 *
 * <p>Results are not authenticated by themselves: verify proofs against the checkpoint's root, and entries through
 * their inclusion proof.
 */
public final class TileReader {

    private final TileSource source;

    /**
     * Creates a reader.
     *
     * @param source where tiles and entry bundles are fetched from
     */
    public TileReader(TileSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * The root hash of the tree.
     *
     * @param size the tree size, 0 or more
     * @return the RFC 6962 root (the hash of the empty string for size 0)
     * @throws org.stellaops.attestor.sdk.AttestorException {@code tiles.unavailable} if a tile cannot be read,
     *         {@code tiles.malformed} if one has the wrong length
     */
    public byte[] root(long size) {
        requireSize(size);
        return ProofBuilder.root(size, new TreeTiles(source, size));
    }

    /**
     * The audit path of one entry.
     *
     * @param index the entry index, 0 ≤ index &lt; size
     * @param size the tree size
     * @return the proof hashes, leaf sibling first
     * @throws org.stellaops.attestor.sdk.AttestorException {@code tiles.unavailable} or {@code tiles.malformed}
     */
    public List<byte[]> inclusionProof(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("entry index " + index + " is outside a tree of size " + size);
        }
        return ProofBuilder.inclusion(index, size, new TreeTiles(source, size));
    }

    /**
     * The consistency proof between two sizes, read from the tiles of the larger one.
     *
     * @param size1 the older size, 0 ≤ size1 ≤ size2
     * @param size2 the newer size
     * @return the proof hashes (empty when size1 is 0 or equals size2)
     * @throws org.stellaops.attestor.sdk.AttestorException {@code tiles.unavailable} or {@code tiles.malformed}
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        requireSize(size1);
        if (size1 > size2) {
            throw new IllegalArgumentException("size1 " + size1 + " is larger than size2 " + size2);
        }
        return ProofBuilder.consistency(size1, size2, new TreeTiles(source, size2));
    }

    /**
     * One entry, from its entry bundle.
     *
     * @param index the entry index, 0 ≤ index &lt; size
     * @param size the tree size
     * @return the entry bytes
     * @throws org.stellaops.attestor.sdk.AttestorException {@code tiles.unavailable} if the bundle cannot be read,
     *         {@code tiles.malformed} if it does not hold exactly the entries the size implies
     */
    public byte[] entry(long index, long size) {
        requireSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("entry index " + index + " is outside a tree of size " + size);
        }
        byte[][] bundle = new TreeTiles(source, size).bundle(index / TilePaths.TILE_WIDTH);
        return bundle[(int) (index % TilePaths.TILE_WIDTH)];
    }

    private static void requireSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size " + size);
        }
    }
}
