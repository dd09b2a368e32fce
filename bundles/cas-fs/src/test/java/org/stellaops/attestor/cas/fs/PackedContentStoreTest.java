package org.stellaops.attestor.cas.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.cas.StorageException;

/** The pack layout: objects appended to pack files, sealed packs found through their indexes. */
class PackedContentStoreTest {

    /** Small enough that a few objects fill a pack. */
    private static final long SMALL_PACKS = 1024;

    @TempDir
    Path dir;

    private static byte[] object(int n) {
        return ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(100 + n % 7) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private FsContentStore open(long packLimit) {
        return new FsContentStore(dir, true, packLimit);
    }

    private Path pack(int number) {
        return dir.resolve(Packs.DIRECTORY).resolve(String.format("%08d.pack", number));
    }

    private List<String> putMany(FsContentStore store, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(store.put(object(i)));
        }
        return addresses;
    }

    private void assertAllReadable(FsContentStore store, List<String> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            assertArrayEquals(object(i), store.get(addresses.get(i)).orElseThrow(), "object " + i);
            assertTrue(store.contains(addresses.get(i)));
        }
    }

    @Test
    void appendsObjectsToAPackInsteadOfWritingAFileForEach() throws IOException {
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            List<String> addresses = putMany(store, 20);
            assertAllReadable(store, addresses);
            assertFalse(Files.exists(store.pathOf(addresses.get(0))));
        }
        try (Stream<Path> files = Files.walk(dir.resolve("sha256"))) {
            assertEquals(0, files.filter(Files::isRegularFile).count());
        }
        assertTrue(Files.size(pack(1)) > 20 * 100);
    }

    @Test
    void returnsTheSha256OfTheBytesAsTheAddress() {
        try (FsContentStore store = open(SMALL_PACKS)) {
            assertEquals(FsContentStore.sha256Hex(object(1)), store.put(object(1)));
        }
    }

    @Test
    void keepsObjectsOfTheActivePackAcrossReopening() {
        List<String> addresses;
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            addresses = putMany(store, 10);
        }
        try (FsContentStore reopened = open(SMALL_PACKS * 1024)) {
            assertAllReadable(reopened, addresses);
        }
    }

    @Test
    void sealsFullPacksAndFindsTheirObjectsThroughTheirIndexes() {
        List<String> addresses;
        try (FsContentStore store = open(SMALL_PACKS)) {
            addresses = putMany(store, 60);
            assertAllReadable(store, addresses);
        }
        assertTrue(Files.exists(dir.resolve(Packs.DIRECTORY).resolve("00000001.idx")));
        try (FsContentStore reopened = open(SMALL_PACKS)) {
            assertAllReadable(reopened, addresses);
            assertFalse(reopened.contains(FsContentStore.sha256Hex(object(1000))));
            assertTrue(reopened.get(FsContentStore.sha256Hex(object(1000))).isEmpty());
        }
    }

    @Test
    void storesTheSameBytesOnce() throws IOException {
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            store.put(object(1));
            long size = Files.size(pack(1));
            store.put(object(1));
            assertEquals(size, Files.size(pack(1)));
        }
    }

    @Test
    void storesSeveralObjectsInOneCallAndAnswersTheirAddressesInOrder() {
        List<byte[]> objects = List.of(object(0), object(1), object(2));
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            List<String> addresses = store.putAll(objects);
            assertEquals(objects.stream().map(FsContentStore::sha256Hex).toList(), addresses);
            assertAllReadable(store, addresses);
        }
    }

    @Test
    void storesContentRepeatedInOneCallOnceAndSkipsWhatIsAlreadyStored() throws IOException {
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            store.put(object(1));
            long size = Files.size(pack(1));
            List<String> addresses = store.putAll(List.of(object(1), object(2), object(2)));
            assertEquals(addresses.get(1), addresses.get(2));
            assertEquals(size + 40 + object(2).length, Files.size(pack(1)), "one record of 40 header bytes added");
        }
    }

    @Test
    void sealsAPackFilledInTheMiddleOfOneCallAndKeepsEveryObjectAcrossReopening() {
        List<byte[]> objects = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            objects.add(object(i));
        }
        List<String> addresses;
        try (FsContentStore store = open(SMALL_PACKS)) {
            addresses = store.putAll(objects);
        }
        assertTrue(Files.exists(dir.resolve(Packs.DIRECTORY).resolve("00000001.idx")));
        try (FsContentStore reopened = open(SMALL_PACKS)) {
            assertAllReadable(reopened, addresses);
        }
    }

    @Test
    void storesSeveralObjectsInOneCallInTheOneFilePerObjectLayout() {
        try (FsContentStore store = FsContentStore.withoutPacks(dir)) {
            List<String> addresses = store.putAll(List.of(object(0), object(1)));
            assertTrue(Files.isRegularFile(store.pathOf(addresses.get(1))));
            assertAllReadable(store, addresses);
        }
    }

    @Test
    void cutsOffATornTailAndKeepsEveryObjectBeforeIt() throws IOException {
        List<String> addresses;
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            addresses = putMany(store, 5);
        }
        long intact = Files.size(pack(1));
        // as if a crash interrupted an append: half a record at the end
        byte[] torn = new byte[30];
        ByteBuffer.wrap(torn).putInt(0x53415031).putInt(500);
        Files.write(pack(1), torn, StandardOpenOption.APPEND);
        try (FsContentStore reopened = open(SMALL_PACKS * 1024)) {
            assertEquals(intact, Files.size(pack(1)));
            assertAllReadable(reopened, addresses);
            String more = reopened.put(object(99));
            assertArrayEquals(object(99), reopened.get(more).orElseThrow());
        }
    }

    @Test
    void refusesToOpenAPackDamagedBeforeValidRecords() throws IOException {
        try (FsContentStore store = open(SMALL_PACKS * 1024)) {
            putMany(store, 5);
        }
        flipByte(pack(1), 50);
        StorageException e = assertThrows(StorageException.class, () -> open(SMALL_PACKS * 1024));
        assertEquals(StorageException.CORRUPT, e.code());
        assertTrue(Files.size(pack(1)) > 5 * 100, "nothing was cut off");
    }

    @Test
    void refusesToReturnAnObjectDamagedInASealedPackAndRepairsItWhenStoredAgain() throws IOException {
        String address;
        try (FsContentStore store = open(SMALL_PACKS)) {
            address = store.put(object(0));
            putMany(store, 30);
        }
        flipByte(pack(1), 60);
        try (FsContentStore reopened = open(SMALL_PACKS)) {
            StorageException e = assertThrows(StorageException.class, () -> reopened.get(address));
            assertEquals(StorageException.CORRUPT, e.code());
            assertEquals(address, reopened.put(object(0)));
            assertArrayEquals(object(0), reopened.get(address).orElseThrow());
        }
        try (FsContentStore again = open(SMALL_PACKS)) {
            assertArrayEquals(object(0), again.get(address).orElseThrow(), "the newer copy wins after a restart");
        }
    }

    @Test
    void rebuildsAMissingOrDamagedIndexFromItsPack() throws IOException {
        List<String> addresses;
        try (FsContentStore store = open(SMALL_PACKS)) {
            addresses = putMany(store, 40);
        }
        Path packs = dir.resolve(Packs.DIRECTORY);
        Files.delete(packs.resolve("00000001.idx"));
        flipByte(packs.resolve("00000002.idx"), 20);
        try (FsContentStore reopened = open(SMALL_PACKS)) {
            assertAllReadable(reopened, addresses);
        }
        assertTrue(Files.exists(packs.resolve("00000001.idx")));
    }

    @Test
    void readsObjectsOfTheOneFilePerObjectLayoutWithoutCopyingThem() throws IOException {
        String address = FsContentStore.withoutPacks(dir).put(object(7));
        try (FsContentStore store = open(SMALL_PACKS)) {
            assertArrayEquals(object(7), store.get(address).orElseThrow());
            assertTrue(store.contains(address));
            assertEquals(address, store.put(object(7)));
        }
        assertEquals(0, Files.size(pack(1)));
    }

    @Test
    void keepsEveryObjectOfManyConcurrentWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<String>> puts = new ArrayList<>();
        try (FsContentStore store = open(16 * 1024)) {
            for (int i = 0; i < 400; i++) {
                int n = i;
                puts.add(pool.submit(() -> store.put(object(n))));
            }
            for (Future<String> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        try (FsContentStore reopened = open(16 * 1024)) {
            for (int i = 0; i < puts.size(); i++) {
                assertArrayEquals(object(i), reopened.get(puts.get(i).get()).orElseThrow());
            }
        }
    }

    @Test
    void refusesANegativePackSize() {
        assertThrows(IllegalArgumentException.class, () -> open(-1));
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            channel.write(one, offset);
        }
    }
}
