package org.stellaops.attestor.cas.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.stellaops.attestor.cas.StorageException;

/**
 * Objects appended to pack files instead of one file each: creating, fsyncing and renaming a file and fsyncing its
 * directory per object cost more kernel time than everything else a batch submission does (docs/storage.md).
 *
 * <p>{@code <root>/packs/NNNNNNNN.pack} holds records {@code magic, length, SHA-256, bytes}, appended by one writer
 * at a time; writers that append concurrently share one fsync (whoever syncs covers every append completed before it). The
 * newest pack is the active one, indexed on the heap while it grows (at most {@code packLimit} bytes); once full it
 * is sealed: fsynced, and its index written next to it as {@code NNNNNNNN.idx} (sorted digests with their offsets,
 * under a CRC), which is then memory-mapped and binary-searched; the heap holds nothing per sealed object.
 *
 * <p>At start every pack without a valid index is scanned record by record, re-hashing each; the active pack's torn
 * tail (appends a crash interrupted, none of them acknowledged: an append is acknowledged only after the fsync that
 * covers it) is cut off. A damaged record with valid records after it is not a torn tail: the store refuses to open
 * ({@code storage.corrupt}) rather than cut off acknowledged objects. After any failed write or fsync the packs accept
 * no more appends (a failed fsync may have dropped pages the kernel now reports clean), only reads.
 */
final class Packs implements AutoCloseable {

    /** The directory under the store's root. */
    static final String DIRECTORY = "packs";

    private static final int RECORD_MAGIC = 0x53415031; // "SAP1"
    private static final int INDEX_MAGIC = 0x53414931; // "SAI1"
    private static final int DIGEST = 32;
    private static final int HEADER = 4 + 4 + DIGEST;
    private static final int INDEX_HEADER = 4 + 4 + 4;
    private static final int INDEX_ENTRY = DIGEST + 8 + 4;
    private static final int OFFSET_BITS = 40;
    private static final Pattern PACK_NAME = Pattern.compile("(\\d{8})\\.pack");
    private static final HexFormat HEX = HexFormat.of();

    /** Where an object's bytes are. */
    private record Location(int pack, long offset, int length) {
    }

    /** The newest completed append: fsyncing {@code channel} makes everything up to {@code mark} durable. */
    private record Tail(FileChannel channel, long mark) {
    }

    /** An fsync in progress for the appends up to {@code covering}; {@code done} completes when it has ended. */
    private record Flush(Tail covering, CompletableFuture<Void> done) {
    }

    /** A sealed pack's memory-mapped index. */
    private record Sealed(int pack, MappedByteBuffer index, int count) {
        Location find(byte[] digest) {
            byte[] probe = new byte[DIGEST];
            int low = 0;
            int high = count - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int at = INDEX_HEADER + mid * INDEX_ENTRY;
                index.get(at, probe);
                int order = Arrays.compareUnsigned(probe, digest);
                if (order == 0) {
                    return new Location(pack, index.getLong(at + DIGEST), index.getInt(at + DIGEST + 8));
                }
                if (order < 0) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return null;
        }
    }

    private final Path dir;
    private final long packLimit;
    private final Map<Integer, FileChannel> channels = new ConcurrentHashMap<>();
    /** Newest first, so a damaged object's newer copy is found before the old one. */
    private final List<Sealed> sealed = new CopyOnWriteArrayList<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Object syncLock = new Object();

    private volatile Map<String, Location> activeIndex = new ConcurrentHashMap<>();
    private volatile Tail tail;
    private volatile IOException broken;
    /** Guarded by {@link #appendLock}. */
    private int activeNumber;
    /** Guarded by {@link #appendLock}. */
    private long activeSize;
    /** Guarded by {@link #syncLock}. */
    private long durable;
    /** The fsync in progress, or null. Guarded by {@link #syncLock}. */
    private Flush flushing;

    /**
     * Opens the packs under {@code root}, sealing and scanning as the class comment says.
     *
     * @param root the store's root directory (it exists)
     * @param packLimit the size at which the active pack is sealed
     * @throws StorageException {@code storage.failure} on I/O failure, {@code storage.corrupt} if a pack is damaged
     *         before valid records
     */
    Packs(Path root, long packLimit) {
        this.dir = root.resolve(DIRECTORY);
        this.packLimit = packLimit;
        try {
            AtomicFiles.ensureDirectory(root, dir);
            open();
        } catch (IOException e) {
            close();
            throw new StorageException(StorageException.FAILURE, "cannot open the packs in " + dir, e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        List<Integer> numbers = packNumbers();
        if (numbers.isEmpty()) {
            startPack(1);
            return;
        }
        int last = numbers.get(numbers.size() - 1);
        for (int number : numbers) {
            FileChannel channel = FileChannel.open(packPath(number), StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channels.put(number, channel);
            if (number == last) {
                break;
            }
            Sealed mapped = mapIndex(number);
            if (mapped == null) {
                Map<String, Location> scanned = new ConcurrentHashMap<>();
                long end = scan(number, channel, scanned);
                if (end != channel.size()) {
                    throw new StorageException(StorageException.CORRUPT, "pack " + packPath(number)
                            + " has a damaged record at offset " + end + " and is not the newest pack", null);
                }
                writeIndex(number, scanned);
                mapped = mapIndex(number);
            }
            sealed.add(0, mapped);
        }
        FileChannel active = channels.get(last);
        Map<String, Location> scanned = new ConcurrentHashMap<>();
        long end = scan(last, active, scanned);
        if (end < active.size()) {
            // a torn tail: appends a crash interrupted before their fsync, none of them acknowledged
            active.truncate(end);
            active.force(true);
        }
        activeIndex = scanned;
        activeNumber = last;
        activeSize = end;
        tail = new Tail(active, mark(last, end));
        durable = tail.mark();
    }

    private List<Integer> packNumbers() throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pack")) {
            for (Path file : files) {
                Matcher m = PACK_NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    private Path packPath(int number) {
        return dir.resolve(String.format("%08d.pack", number));
    }

    private Path indexPath(int number) {
        return dir.resolve(String.format("%08d.idx", number));
    }

    private static long mark(int pack, long offset) {
        return ((long) pack << OFFSET_BITS) | offset;
    }

    /**
     * Reads every record from the start, re-hashing each, into {@code index}.
     *
     * @return the offset after the last valid record (the pack's size if all are valid)
     * @throws StorageException {@code storage.corrupt} if a damaged record has valid records after it
     */
    private long scan(int number, FileChannel channel, Map<String, Location> index) throws IOException {
        long size = channel.size();
        long at = 0;
        while (at < size) {
            Map.Entry<String, Location> record = readRecord(number, channel, at, size);
            if (record == null) {
                if (validRecordAfter(number, channel, at + 1, size)) {
                    throw new StorageException(StorageException.CORRUPT, "pack " + packPath(number)
                            + " has a damaged record at offset " + at + " followed by valid records", null);
                }
                return at;
            }
            index.put(record.getKey(), record.getValue());
            at = record.getValue().offset() + record.getValue().length();
        }
        return at;
    }

    /** A record at {@code at} whose bytes hash to its digest, or null. */
    private static Map.Entry<String, Location> readRecord(int number, FileChannel channel, long at, long size)
            throws IOException {
        if (size - at < HEADER) {
            return null;
        }
        ByteBuffer header = readFully(channel, at, HEADER);
        int length = header.getInt(4);
        if (header.getInt(0) != RECORD_MAGIC || length < 0 || size - at - HEADER < length) {
            return null;
        }
        byte[] digest = new byte[DIGEST];
        header.get(8, digest);
        byte[] content = readFully(channel, at + HEADER, length).array();
        if (!Arrays.equals(digest, FsContentStore.sha256(content))) {
            return null;
        }
        return Map.entry(HEX.formatHex(digest), new Location(number, at + HEADER, length));
    }

    /** Whether a valid record starts anywhere in {@code [from, size)}: the pack is mapped, not read byte by byte. */
    private static boolean validRecordAfter(int number, FileChannel channel, long from, long size)
            throws IOException {
        if (size - from < HEADER) {
            return false;
        }
        MappedByteBuffer rest = channel.map(FileChannel.MapMode.READ_ONLY, from, size - from);
        for (int i = 0; i + HEADER <= rest.capacity(); i++) {
            if (rest.getInt(i) == RECORD_MAGIC && readRecord(number, channel, from + i, size) != null) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer readFully(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("unexpected end of pack at " + (at + buffer.position()));
            }
        }
        return buffer;
    }

    /** The index of a sealed pack, or null if it is missing or damaged (the pack is then scanned). */
    private Sealed mapIndex(int number) throws IOException {
        Path path = indexPath(number);
        MappedByteBuffer index;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() < INDEX_HEADER) {
                return null;
            }
            index = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (NoSuchFileException absent) {
            return null;
        }
        int count = index.getInt(4);
        if (index.getInt(0) != INDEX_MAGIC || count < 0
                || index.capacity() != INDEX_HEADER + (long) count * INDEX_ENTRY) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(index.slice(INDEX_HEADER, count * INDEX_ENTRY));
        return (int) crc.getValue() == index.getInt(8) ? new Sealed(number, index, count) : null;
    }

    /** Writes a pack's index through a temporary file, fsynced and renamed, then fsyncs the directory. */
    private void writeIndex(int number, Map<String, Location> index) throws IOException {
        TreeMap<String, Location> sorted = new TreeMap<>(index); // hex order is the digests' unsigned byte order
        ByteBuffer entries = ByteBuffer.allocate(sorted.size() * INDEX_ENTRY);
        sorted.forEach((hex, location) -> entries.put(HEX.parseHex(hex)).putLong(location.offset())
                .putInt(location.length()));
        entries.flip();
        CRC32 crc = new CRC32();
        crc.update(entries.duplicate());
        ByteBuffer header = ByteBuffer.allocate(INDEX_HEADER).putInt(INDEX_MAGIC).putInt(sorted.size())
                .putInt((int) crc.getValue()).flip();
        Path temp = dir.resolve(AtomicFiles.TEMP_PREFIX + number + ".idx");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, new ByteBuffer[] {header, entries});
            channel.force(true);
        }
        Files.move(temp, indexPath(number), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDirectory(dir);
    }

    private static void writeFully(FileChannel channel, ByteBuffer[] buffers) throws IOException {
        while (Arrays.stream(buffers).anyMatch(ByteBuffer::hasRemaining)) {
            channel.write(buffers);
        }
    }

    private void startPack(int number) throws IOException {
        FileChannel channel = FileChannel.open(packPath(number), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        channels.put(number, channel);
        AtomicFiles.fsyncDirectory(dir);
        activeIndex = new ConcurrentHashMap<>();
        activeNumber = number;
        activeSize = 0;
        tail = new Tail(channel, mark(number, 0));
    }

    /** Fsyncs the full active pack, writes its index and starts the next pack. Caller holds the append lock. */
    private void seal() throws IOException {
        int number = activeNumber;
        channels.get(number).force(true);
        Map<String, Location> index = activeIndex;
        writeIndex(number, index);
        Sealed mapped = mapIndex(number);
        if (mapped == null) {
            throw new IOException("the index just written for pack " + number + " does not read back");
        }
        sealed.add(0, mapped);
        // readers look at the active index before the sealed ones: the pack is findable in both until the swap
        startPack(number + 1);
    }

    /**
     * @param hex lowercase hex SHA-256
     * @return the stored bytes under that digest as they are now (not re-hashed), or empty
     * @throws StorageException {@code storage.failure} on I/O failure
     */
    Optional<byte[]> read(String hex) {
        Location location = locate(hex);
        if (location == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(readFully(channels.get(location.pack()), location.offset(), location.length())
                    .array());
        } catch (IOException e) {
            throw new StorageException(StorageException.FAILURE, "cannot read object " + hex, e);
        }
    }

    /**
     * @param hex lowercase hex SHA-256
     * @return whether a record under that digest exists
     */
    boolean contains(String hex) {
        return locate(hex) != null;
    }

    private Location locate(String hex) {
        Location location = activeIndex.get(hex);
        if (location != null) {
            return location;
        }
        byte[] digest = HEX.parseHex(hex);
        for (Sealed pack : sealed) {
            location = pack.find(digest);
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    /**
     * Appends objects and returns once all of them are durable: one fsync (or a share of one) for the lot.
     *
     * @param objects the lowercase hex SHA-256 of each content, with the content
     * @throws StorageException {@code storage.failure} on I/O failure, or if an earlier write or fsync failed
     */
    void appendAll(Map<String, byte[]> objects) {
        if (objects.isEmpty()) {
            return;
        }
        long mark;
        String current = null;
        appendLock.lock();
        try {
            checkUsable();
            for (Map.Entry<String, byte[]> object : objects.entrySet()) {
                current = object.getKey();
                write(current, object.getValue());
            }
            mark = mark(activeNumber, activeSize);
            tail = new Tail(channels.get(activeNumber), mark);
        } catch (IOException e) {
            throw fail(current, e);
        } finally {
            appendLock.unlock();
        }
        awaitDurable(mark);
    }

    /** Writes one record at the end of the active pack, sealing it first when full. Caller holds the append lock. */
    private void write(String hex, byte[] content) throws IOException {
        if (activeSize >= packLimit) {
            seal(); // fsyncs the full pack: what this call wrote to it so far is durable with it
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(RECORD_MAGIC).putInt(content.length)
                .put(HEX.parseHex(hex)).flip();
        FileChannel channel = channels.get(activeNumber);
        long at = activeSize;
        ByteBuffer body = ByteBuffer.wrap(content);
        while (header.hasRemaining() || body.hasRemaining()) {
            long position = at + (HEADER - header.remaining()) + (content.length - body.remaining());
            channel.write(header.hasRemaining() ? header : body, position);
        }
        activeSize = at + HEADER + content.length;
        activeIndex.put(hex, new Location(activeNumber, at + HEADER, content.length));
    }

    /**
     * One fsync covers every append completed before it: the first writer to find none running starts one (the
     * leader) for the newest append, the others wait for it and find themselves covered, or start the next. The
     * fsync runs outside any lock and its end wakes every waiter directly: with the fsync inside a monitor, as
     * before, each waiter had to take the monitor in turn after it, and under submission load on two cores that
     * hand-over chain held writers for 20-45 ms per fsync of 2-4 ms (docs/benchmarks.md, session 17).
     */
    private void awaitDurable(long mark) {
        while (true) {
            Flush flush;
            boolean lead;
            synchronized (syncLock) {
                if (durable >= mark) {
                    return;
                }
                checkUsable();
                lead = flushing == null;
                if (lead) {
                    flushing = new Flush(tail, new CompletableFuture<>());
                }
                flush = flushing;
            }
            if (lead) {
                flush(flush);
            } else {
                flush.done().join(); // a failed fsync completes normally: the loop reports it through checkUsable
            }
        }
    }

    private void flush(Flush flush) {
        boolean synced = false;
        try {
            flush.covering().channel().force(false);
            synced = true;
        } catch (IOException e) {
            // broken before any waiter looks again: a second fsync could call pages the failed one dropped clean
            throw fail("appended before offset " + (flush.covering().mark() & ((1L << OFFSET_BITS) - 1)), e);
        } finally {
            synchronized (syncLock) {
                if (synced) {
                    durable = flush.covering().mark();
                }
                flushing = null;
            }
            flush.done().complete(null);
        }
    }

    private void checkUsable() {
        if (broken != null) {
            throw new StorageException(StorageException.FAILURE,
                    "the packs failed a write or fsync earlier and accept no more objects", broken);
        }
    }

    private StorageException fail(String what, IOException e) {
        broken = e;
        return new StorageException(StorageException.FAILURE, "cannot store object " + what + " in " + dir, e);
    }

    /** @return how many packs are sealed (for tests) */
    int sealedCount() {
        return sealed.size();
    }

    @Override
    public void close() {
        IOException first = null;
        for (FileChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        channels.clear();
        if (first != null) {
            throw new StorageException(StorageException.FAILURE, "cannot close the packs in " + dir, first);
        }
    }
}
