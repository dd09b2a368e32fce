package org.stellaops.attestor.sdk.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TilePathsTest {

    @Test
    void encodesTheSpecExampleIndexInGroupsOfThreeDigits() {
        assertEquals("x001/x234/067", TilePaths.n(1234067));
    }

    @Test
    void encodesSmallIndicesAsOneZeroPaddedGroup() {
        assertEquals("000", TilePaths.n(0));
        assertEquals("005", TilePaths.n(5));
        assertEquals("999", TilePaths.n(999));
    }

    @Test
    void encodesThousandWithAnXPrefixedGroup() {
        assertEquals("x001/000", TilePaths.n(1000));
    }

    @Test
    void encodesTheLargestIndex() {
        assertEquals("x009/x223/x372/x036/x854/x775/807", TilePaths.n(Long.MAX_VALUE));
    }

    @Test
    void fullTilePathHasNoWidth() {
        assertEquals("tile/0/x001/x234/067", TilePaths.tile(0, 1234067, 256));
    }

    @Test
    void partialTilePathEndsInTheWidth() {
        assertEquals("tile/1/005.p/17", TilePaths.tile(1, 5, 17));
    }

    @Test
    void entryBundlePathsUseTheEntriesDirectory() {
        assertEquals("tile/entries/003", TilePaths.entries(3, 256));
        assertEquals("tile/entries/x001/000.p/255", TilePaths.entries(1000, 255));
    }

    @Test
    void rejectsWidthZeroAndAboveAFullTile() {
        assertThrows(IllegalArgumentException.class, () -> TilePaths.tile(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TilePaths.entries(0, 257));
    }

    @Test
    void rejectsLevelsOutsideTheSpecRange() {
        assertThrows(IllegalArgumentException.class, () -> TilePaths.tile(64, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TilePaths.tile(-1, 0, 1));
    }

    @Test
    void rejectsNegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> TilePaths.n(-1));
    }
}
