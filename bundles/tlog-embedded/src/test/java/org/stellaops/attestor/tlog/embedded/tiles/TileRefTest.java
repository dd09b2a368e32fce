package org.stellaops.attestor.tlog.embedded.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TileRefTest {

    @Test
    void parsesFullAndPartialHashTilePaths() {
        assertEquals(Optional.of(new TileRef(1, 1234067, 256)), TileRef.parse("tile/1/x001/x234/067"));
        assertEquals(Optional.of(new TileRef(0, 5, 17)), TileRef.parse("tile/0/005.p/17"));
        assertEquals(Optional.of(new TileRef(63, 0, 255)), TileRef.parse("tile/63/000.p/255"));
    }

    @Test
    void parsesEntryBundlePaths() {
        assertEquals(Optional.of(new TileRef(TileRef.ENTRIES, 12, 256)), TileRef.parse("tile/entries/012"));
        assertEquals(Optional.of(new TileRef(TileRef.ENTRIES, 1000, 3)), TileRef.parse("tile/entries/x001/000.p/3"));
    }

    @Test
    void rejectsTraversalNonCanonicalAndOutOfRangePaths() {
        List<String> bad = List.of("tile/0/../checkpoint", "../tile/0/000", "tile/0/000/", "/tile/0/000", "tile/0/5",
                "tile/00/000", "tile/64/000", "tile/0/x000/005", "tile/0/000.p/0", "tile/0/000.p/256",
                "tile/0/000.p/007", "tile/0/000.p/", "tile/entries/000.p/1000", "tile/0/000.tmp", "tile/0/000.p/3.tmp",
                "tile/-1/000", "tile/0/x1/000", "tile/Entries/000", "tile/0/000\u0000", "tile/0/x999/x999/x999/x999/x999/x999/x999/000");
        for (String path : bad) {
            assertEquals(Optional.empty(), TileRef.parse(path), path);
        }
    }

    @Test
    void printsThePathItWasParsedFrom() {
        for (String path : List.of("tile/0/005.p/17", "tile/entries/x001/000", "tile/2/x123/x456/789.p/1")) {
            assertEquals(path, TileRef.parse(path).orElseThrow().path());
        }
    }

    @Test
    void isJustifiedOnlyByTreesThatContainEveryHashItHolds() {
        assertTrue(TileRef.full(0, 0).justifiedBy(256));
        assertFalse(TileRef.full(0, 0).justifiedBy(255));
        assertTrue(new TileRef(0, 1, 10).justifiedBy(266));
        assertFalse(new TileRef(0, 1, 11).justifiedBy(266));
        assertTrue(new TileRef(1, 0, 1).justifiedBy(256));
        assertFalse(new TileRef(1, 0, 2).justifiedBy(511));
        assertTrue(new TileRef(TileRef.ENTRIES, 0, 5).justifiedBy(5));
        assertFalse(TileRef.full(0, Long.MAX_VALUE / 256).justifiedBy(Long.MAX_VALUE));
    }
}
