package org.stellaops.attestor.tlog.embedded;

import org.stellaops.attestor.sdk.merkle.ProofBuilder;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.merkle.SubtreeHashes;
import org.stellaops.attestor.tlog.embedded.tiles.TileLayout;

/**
 * Complete-subtree hashes of the tree at one published size, read from the tiles: a subtree of height
 * {@code h} lives in the tile level {@code h / 8} and is the node {@code h % 8} levels above that tile's hashes.
 * Full tiles come from the {@link TileCache}, the rightmost partial tile of each level from the
 * {@link EdgeSnapshot}. Proofs for any smaller size work too: their subtrees are prefixes of this tree.
 */
final class TreeHashes implements SubtreeHashes {

    private final EdgeSnapshot edge;
    private final TileCache cache;

    TreeHashes(EdgeSnapshot edge, TileCache cache) {
        this.edge = edge;
        this.cache = cache;
    }

    /**
     * @param edge a tree
     * @param cache its full tiles
     * @return the RFC 6962 root of the tree
     */
    static byte[] root(EdgeSnapshot edge, TileCache cache) {
        return edge.size() == 0 ? Rfc6962.emptyRoot() : ProofBuilder.root(edge.size(), new TreeHashes(edge, cache));
    }

    @Override
    public byte[] hash(int height, long index) {
        if (height < 0 || height > TileLayout.MAX_LEVEL || index < 0) {
            throw new IllegalArgumentException("no subtree " + height + "/" + index);
        }
        int level = height / 8;
        int above = height % 8;
        long available = TileLayout.levelSize(edge.size(), level);
        long first = index << above;
        if (first >>> above != index || first + (1L << above) > available) {
            throw new IllegalArgumentException("subtree " + height + "/" + index + " is not complete at size " + edge.size());
        }
        long tile = first / TileLayout.TILE_WIDTH;
        int position = (int) (first % TileLayout.TILE_WIDTH);
        TileTree tree = tile < available / TileLayout.TILE_WIDTH ? cache.full(level, tile) : edge.partialTree(level);
        return tree.node(above, position >> above);
    }
}
