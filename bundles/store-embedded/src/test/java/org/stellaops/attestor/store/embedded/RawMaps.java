package org.stellaops.attestor.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * Raw access to a store file for tests that inspect or fake layouts: maps opened with a {@link MapDataType} that
 * reads pages in both forms (item by item and front-coded) and writes item by item, as versions before schema 6 did.
 */
final class RawMaps {

    private RawMaps() {
    }

    /**
     * @param raw an open MVStore of a store file
     * @param name a map name
     * @return the map, readable whatever form its pages have
     */
    static <K, V> MVMap<K, V> open(MVStore raw, String name) {
        return raw.openMap(name, new MVMap.Builder<K, V>().keyType(type()).valueType(type()));
    }

    @SuppressWarnings("unchecked")
    private static <T> DataType<T> type() {
        return (DataType<T>) (Object) new MapDataType();
    }

    /**
     * Rewrites a store file with every page written item by item, as a version before schema 6 would have written
     * it (the fixtures of older layouts start from a file the current store wrote).
     *
     * @param file the store file, closed
     */
    static void rewriteItemByItem(Path file) {
        Path copy = file.resolveSibling(file.getFileName() + ".item-by-item");
        MVStore from = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVStore to = new MVStore.Builder().fileName(copy.toString()).open();
            try {
                for (String name : from.getMapNames()) {
                    MVMap<Object, Object> target = to.openMap(name);
                    target.putAll(RawMaps.<Object, Object>open(from, name));
                }
                to.commit();
            } finally {
                to.close();
            }
        } finally {
            from.close();
        }
        try {
            Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
