package org.stellaops.attestor.tlog.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * An append-only file of checksummed records keyed by tree size, {@code u64 size ‖ u32 length ‖ u32 CRC-32C ‖
 * bytes}, each forced before {@link #append} returns; opening indexes the intact records and cuts off a torn tail.
 * The checkpoint history (one record per published size, sizes strictly increasing) and the cosignature history
 * (any number of records per size) are both such files. Thread-safe.
 */
public final class SizeKeyedRecords implements Closeable {

    /** A record the index points at no longer reads back intact. */
    public static final class DamagedRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedRecordException(String message) {
            super(message);
        }
    }

    private static final int HEADER = 16;
    private static final int MAX_RECORD = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final boolean strictlyIncreasing;
    private long[] sizes = new long[64];
    private long[] offsets = new long[64];
    private int count;
    private long end;

    private SizeKeyedRecords(Path file, FileChannel channel, boolean strictlyIncreasing) {
        this.file = file;
        this.channel = channel;
        this.strictlyIncreasing = strictlyIncreasing;
    }

    /**
     * Opens (or creates) the file and indexes it.
     *
     * @param file the file
     * @param strictlyIncreasing whether sizes only grow, one record each: the scan then also stops at the first
     *        record that does not grow (a record after it cannot have been written by a correct log)
     * @return the open file
     * @throws IOException on failure
     */
    public static SizeKeyedRecords open(Path file, boolean strictlyIncreasing) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        SizeKeyedRecords records = new SizeKeyedRecords(file, channel, strictlyIncreasing);
        try {
            records.scan();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return records;
    }

    /**
     * Appends a record and forces it: durable when this returns.
     *
     * @param size the tree size it belongs to
     * @param bytes its content, 1 byte to 1 MiB
     * @throws IOException on a write failure
     */
    public synchronized void append(long size, byte[] bytes) throws IOException {
        if (bytes.length == 0 || bytes.length > MAX_RECORD) {
            throw new IllegalArgumentException("a record holds 1 to " + MAX_RECORD + " bytes, not " + bytes.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + bytes.length);
        buf.putLong(size).putInt(bytes.length).putInt((int) crc.getValue()).put(bytes).flip();
        long at = end;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        channel.force(false);
        index(size, end);
        end = at;
    }

    /**
     * @param size a tree size
     * @return the records of that size, in the order they were appended
     * @throws DamagedRecordException if an indexed record no longer reads back intact
     * @throws IOException on a read failure
     */
    public List<byte[]> read(long size) throws IOException {
        List<Long> at = new ArrayList<>();
        synchronized (this) {
            for (int i = lowerBound(size); i < count && sizes[i] == size; i++) {
                at.add(offsets[i]);
            }
        }
        List<byte[]> records = new ArrayList<>(at.size());
        for (long offset : at) {
            Record record = readRecord(offset);
            if (record == null || record.size != size) {
                throw new DamagedRecordException(file.getFileName() + " record at offset " + offset + " is damaged");
            }
            records.add(record.bytes);
        }
        return records;
    }

    /** @return the largest size with a record, if any */
    public synchronized OptionalLong lastSize() {
        return count == 0 ? OptionalLong.empty() : OptionalLong.of(sizes[count - 1]);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Keeps the index sorted by size, records of one size in append order. */
    private synchronized void index(long size, long offset) {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        int i = count;
        while (i > 0 && sizes[i - 1] > size) {
            i--;
        }
        System.arraycopy(sizes, i, sizes, i + 1, count - i);
        System.arraycopy(offsets, i, offsets, i + 1, count - i);
        sizes[i] = size;
        offsets[i] = offset;
        count++;
    }

    private int lowerBound(long size) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sizes[mid] < size) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Indexes the intact records and cuts the file after them. */
    private void scan() throws IOException {
        long length = channel.size();
        long at = 0;
        long previous = -1;
        while (at + HEADER <= length) {
            Record r = readRecord(at);
            if (r == null || r.size < 0 || (strictlyIncreasing && r.size <= previous)) {
                break;
            }
            index(r.size, at);
            previous = r.size;
            at += HEADER + r.bytes.length;
        }
        if (at < length) {
            channel.truncate(at);
            channel.force(false);
        }
        end = at;
    }

    /** @return the record at {@code offset}, or null if it is torn or its checksum fails */
    private Record readRecord(long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (!readFully(header, offset)) {
            return null;
        }
        header.flip();
        long size = header.getLong();
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_RECORD) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (!readFully(body, offset + HEADER)) {
            return null;
        }
        CRC32C check = new CRC32C();
        check.update(body.array());
        return (int) check.getValue() == crc ? new Record(size, body.array()) : null;
    }

    private boolean readFully(ByteBuffer buf, long offset) throws IOException {
        long at = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    private record Record(long size, byte[] bytes) {
    }
}
