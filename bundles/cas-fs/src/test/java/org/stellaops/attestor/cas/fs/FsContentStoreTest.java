package org.stellaops.attestor.cas.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.cas.StorageException;

/** The layout of one file per object (pack size 0, and every file of earlier versions); packs: {@link PackedContentStoreTest}. */
class FsContentStoreTest {

    private static final byte[] ENVELOPE = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\"}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void returnsTheLowercaseHexSha256OfTheStoredBytes() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        assertEquals(FsContentStore.sha256Hex(ENVELOPE), store.put(ENVELOPE));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", store.put(new byte[0]));
    }

    @Test
    void readsBackExactlyTheBytesThatWereStored() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        assertArrayEquals(ENVELOPE, store.get(address).orElseThrow());
    }

    @Test
    void storesObjectsUnderTwoLevelsOfPrefixDirectories() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        Path expected = dir.resolve("sha256").resolve(address.substring(0, 2)).resolve(address.substring(2, 4))
                .resolve(address);
        assertTrue(Files.isRegularFile(expected));
    }

    @Test
    void storingTheSameBytesTwiceKeepsOneObject() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String first = store.put(ENVELOPE);
        String second = store.put(ENVELOPE.clone());
        assertEquals(first, second);
        assertEquals(List.of(store.pathOf(first)), regularFiles());
    }

    @Test
    void reportsAnUnknownAddressAsAbsent() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String unknown = FsContentStore.sha256Hex("never stored".getBytes(StandardCharsets.UTF_8));
        assertTrue(store.get(unknown).isEmpty());
        assertFalse(store.contains(unknown));
    }

    @Test
    void containsReportsAStoredObject() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        assertTrue(store.contains(store.put(ENVELOPE)));
    }

    @Test
    void refusesToReturnAnObjectWhoseFileWasOverwritten() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        Files.write(store.pathOf(address), "{\"payload\":\"tampered\"}".getBytes(StandardCharsets.UTF_8));
        StorageException e = assertThrows(StorageException.class, () -> store.get(address));
        assertEquals(StorageException.CORRUPT, e.code());
    }

    @Test
    void refusesToReturnAnObjectWithOneFlippedBit() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        byte[] damaged = ENVELOPE.clone();
        damaged[5] ^= 0x01;
        Files.write(store.pathOf(address), damaged);
        assertEquals(StorageException.CORRUPT, assertThrows(StorageException.class, () -> store.get(address)).code());
    }

    @Test
    void storingAgainRepairsADamagedObject() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        Files.write(store.pathOf(address), new byte[] {1, 2, 3});
        store.put(ENVELOPE);
        assertArrayEquals(ENVELOPE, store.get(address).orElseThrow());
    }

    @Test
    void concurrentPutsOfIdenticalBytesLeaveOneCompleteObjectAndNoTemporaryFiles() throws Exception {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        byte[] big = new byte[256 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tasks.add(() -> {
                start.await();
                return store.put(big.clone());
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            start.countDown();
            Set<String> addresses = new java.util.HashSet<>();
            for (Future<String> f : futures) {
                addresses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(Set.of(FsContentStore.sha256Hex(big)), addresses);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        }
        assertArrayEquals(big, store.get(FsContentStore.sha256Hex(big)).orElseThrow());
        assertEquals(1, regularFiles().size());
    }

    @Test
    void leavesNoTemporaryFilesBehindAfterManyDistinctPuts() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        for (int i = 0; i < 200; i++) {
            store.put(("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        List<Path> files = regularFiles();
        assertEquals(200, files.size());
        assertTrue(files.stream().noneMatch(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)));
    }

    @Test
    void sweepsTemporaryFilesLeftByAnInterruptedWriteWhenOpened() throws IOException {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String address = store.put(ENVELOPE);
        Path debris = store.pathOf(address).resolveSibling(AtomicFiles.TEMP_PREFIX + "123.part");
        Files.write(debris, new byte[] {1});
        FsContentStore reopened = FsContentStore.withoutPacks(dir);
        assertFalse(Files.exists(debris));
        assertArrayEquals(ENVELOPE, reopened.get(address).orElseThrow());
    }

    @Test
    void keepsObjectsAcrossReopening() {
        String address = FsContentStore.withoutPacks(dir).put(ENVELOPE);
        assertArrayEquals(ENVELOPE, FsContentStore.withoutPacks(dir).get(address).orElseThrow());
    }

    @Test
    void rejectsAddressesThatAreNotSixtyFourLowercaseHexDigits() {
        FsContentStore store = FsContentStore.withoutPacks(dir);
        String upper = FsContentStore.sha256Hex(ENVELOPE).toUpperCase(java.util.Locale.ROOT);
        assertThrows(IllegalArgumentException.class, () -> store.get(upper));
        assertThrows(IllegalArgumentException.class, () -> store.get("../../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.contains("abcd"));
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }
}
