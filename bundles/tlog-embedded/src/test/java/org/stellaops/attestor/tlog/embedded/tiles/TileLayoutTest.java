package org.stellaops.attestor.tlog.embedded.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TileLayoutTest {

    @Test
    void encodesIndexesInZeroPaddedGroupsPrefixedWithXExceptTheLast() {
        assertEquals("x001/x234/067", TileLayout.encodeIndex(1234067));
        assertEquals("005", TileLayout.encodeIndex(5));
        assertEquals("000", TileLayout.encodeIndex(0));
        assertEquals("x001/000", TileLayout.encodeIndex(1000));
        assertEquals("x009/x223/x372/x036/x854/x775/807", TileLayout.encodeIndex(Long.MAX_VALUE));
    }

    @Test
    void decodesOnlyTheCanonicalEncoding() {
        assertEquals(1234067, TileLayout.decodeIndex("x001/x234/067"));
        assertEquals(Long.MAX_VALUE, TileLayout.decodeIndex("x009/x223/x372/x036/x854/x775/807"));
        assertEquals(-1, TileLayout.decodeIndex("x000/005"));
        assertEquals(-1, TileLayout.decodeIndex("5"));
        assertEquals(-1, TileLayout.decodeIndex("001/234"));
        assertEquals(-1, TileLayout.decodeIndex("x1234/000"));
        assertEquals(-1, TileLayout.decodeIndex("x009/x999/x999/x999/x999/x999/999"));
        assertEquals(-1, TileLayout.decodeIndex(""));
    }

    @Test
    void followsTheSpecificationExampleOfATreeOfSeventyThousandLeaves() {
        assertEquals(273, TileLayout.fullTiles(70_000, 0));
        assertEquals(112, TileLayout.partialWidth(70_000, 0));
        assertEquals(1, TileLayout.fullTiles(70_000, 1));
        assertEquals(17, TileLayout.partialWidth(70_000, 1));
        assertEquals(0, TileLayout.fullTiles(70_000, 2));
        assertEquals(1, TileLayout.partialWidth(70_000, 2));
        assertEquals(2, TileLayout.topLevel(70_000));
    }

    @Test
    void representsATreeOf256LeavesAsOneFullTileAndAPartialTileOfWidthOneAbove() {
        assertEquals(1, TileLayout.fullTiles(256, 0));
        assertEquals(0, TileLayout.partialWidth(256, 0));
        assertEquals(1, TileLayout.partialWidth(256, 1));
        assertEquals(-1, TileLayout.topLevel(0));
    }

    @Test
    void hasNoHashesAtLevelsBeyondTheSizeOfALong() {
        assertEquals(0, TileLayout.levelSize(Long.MAX_VALUE, 8));
        assertEquals(127, TileLayout.levelSize(Long.MAX_VALUE, 7));
    }
}
