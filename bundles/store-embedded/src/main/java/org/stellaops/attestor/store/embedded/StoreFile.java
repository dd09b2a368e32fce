package org.stellaops.attestor.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.DataType;
import org.stellaops.attestor.cas.StorageException;

/**
 * One MVStore file with explicit, grouped, crash-consistent commits.
 *
 * <p>MVStore's own auto-commit is off (no background writer, no commit triggered by buffered memory), so a version
 * reaches the file only through {@link GroupCommit}. A write that touches several maps runs inside the
 * {@link CommitGate} (a shared/exclusive lock); the commit holds the gate alone just while MVStore snapshots and
 * writes the new version, so every committed version holds whole writes only. The fsync happens after the gate
 * opens again, so writers keep going while the disk flushes.
 *
 * <p>The file is opened through H2's {@code retry:} file system, which reopens the channel when a reading thread was
 * interrupted (a plain {@code FileChannel} would close for everyone).
 *
 * <p>Space of dead chunks is reused at once (retention time 0) instead of after MVStore's default 45 seconds, which
 * at a sustained write rate left gigabytes of dead chunks in the file. That default guards against disks that
 * have not flushed yet and against readers of old versions; here every commit is fsynced before the next one
 * starts (so no chunk the last durable version needs is ever overwritten), and every read registers the version it
 * reads ({@link #guard}), so MVStore keeps that version's chunks until the read is done.
 */
final class StoreFile implements AutoCloseable {

    /**
     * Every this many commits the committer also rewrites the live pages of sparse chunks, so the file does not only
     * grow. Copy-on-write pages make every commit leave most of older chunks dead; without this the file held about
     * ten times its live data (measured: 884 MiB for 20,000 records instead of 275 MiB).
     */
    private static final int MAINTENANCE_INTERVAL = 4;
    /** Compaction runs while the chunks' live share is below this percentage. */
    private static final int TARGET_FILL_RATE = 50;
    /**
     * At most this much is rewritten per compaction. Compaction holds writers off, so its size bounds the stall:
     * 16 MiB every 16 commits held writers for up to 0.6 s and put submissions' p99 at 500/s at 0.26-0.8 s; 4 MiB
     * every 4 commits (the same bytes per commit) gave 0.16 s with about the same file size (docs/benchmarks.md).
     */
    private static final int MAINTENANCE_WRITE_BYTES = 4 * 1024 * 1024;
    /**
     * No compaction when the file closes: H2 2.3.232 then moves chunks towards the start of the file to shrink it,
     * and that code trips an assertion of its own on some layouts (h2database issues #4086 and #4286; the assertion
     * was removed upstream as faulty). Space is reused while the store runs (retention 0, periodic compaction), so the
     * file need not shrink at shutdown.
     */
    private static final int CLOSE_COMPACTION_MILLIS = 0;
    private static final int RETENTION_MILLIS = 0;

    /**
     * The map of the layout version (and a few counters): never front-coded, so that every version of the store can
     * read it and refuse a layout newer than it knows.
     */
    static final String META = "meta";

    private final Path path;
    private final MVStore store;
    private volatile boolean frontCoded;
    private final CommitGate gate = new CommitGate();
    private final GroupCommit commits;
    private long commitsSinceMaintenance;

    /**
     * Opens or creates the file.
     *
     * @param path the file
     * @param cacheSizeMb page cache size
     * @throws StorageException {@code storage.failure} if the file cannot be opened (for example, it is locked by
     *         another process)
     */
    StoreFile(Path path, int cacheSizeMb) {
        this.path = path.toAbsolutePath().normalize();
        try {
            Path parent = this.path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.store = new MVStore.Builder()
                    .fileName("retry:" + this.path)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .cacheSize(cacheSizeMb)
                    .open();
            this.store.setRetentionTime(RETENTION_MILLIS);
        } catch (IOException | MVStoreException e) {
            throw new StorageException(StorageException.FAILURE, "cannot open the store file " + this.path, e);
        }
        this.commits = new GroupCommit("attestor-store-commit", this::commitAndSync);
    }

    /** @return the absolute file path */
    Path path() {
        return path;
    }

    /**
     * @param name the map name
     * @param <K> key type (String or Long)
     * @param <V> value type (String or Long)
     * @return the map, created if needed
     */
    <K, V> MVMap<K, V> map(String name) {
        return guard(() -> store.openMap(name, builder(name)));
    }

    /**
     * Every map's keys and values: MVStore's default format, read and written by {@link MapDataType}, front-coded
     * once {@link #frontCode} was called, except in {@value #META}.
     */
    @SuppressWarnings("unchecked")
    private <K, V> MVMap.Builder<K, V> builder(String name) {
        BooleanSupplier frontCoding = META.equals(name) ? () -> false : () -> frontCoded;
        return new MVMap.Builder<K, V>().keyType((DataType<K>) (Object) new MapDataType(frontCoding))
                .valueType((DataType<V>) (Object) new MapDataType(frontCoding));
    }

    /**
     * Lets every later commit write front-coded pages (every map but {@value #META}); called once the file's layout
     * version that announces them is durable, so a version of the store that cannot read them refuses the file
     * instead of failing on a page.
     */
    void frontCode() {
        frontCoded = true;
    }

    /**
     * @param name a map name
     * @return whether the file has that map
     */
    boolean hasMap(String name) {
        return guard(() -> store.hasMap(name));
    }

    /**
     * Removes a map; call inside a mutation.
     *
     * @param name the map name
     */
    void removeMap(String name) {
        store.removeMap(name);
    }

    /**
     * Renames a map; call inside a mutation, so the new name is committed together with the rest of it. No map may
     * have the new name yet.
     *
     * @param from the current name
     * @param to the new name
     */
    void renameMap(String from, String to) {
        store.renameMap(store.openMap(from, builder(from)), to);
    }

    /**
     * Applies a mutation, then waits until it is durable.
     *
     * @param mutation changes to one or more maps; it must not block on other writers
     * @param <T> result type
     * @return the mutation's result
     * @throws StorageException {@code storage.failure} on any store failure
     */
    <T> T write(Supplier<T> mutation) {
        T result = apply(mutation);
        awaitDurable();
        return result;
    }

    /**
     * Applies a mutation atomically with respect to commits, without waiting for durability; the caller must call
     * {@link #awaitDurable()} before it reports success.
     *
     * @param mutation changes to one or more maps; it must not block on other writers
     * @param <T> result type
     * @return the mutation's result
     */
    <T> T apply(Supplier<T> mutation) {
        gate.enter();
        try {
            return guard(mutation);
        } finally {
            gate.leave();
        }
    }

    /**
     * Waits until every mutation that completed before this call is durable.
     *
     * @throws StorageException {@code storage.failure} if the commit failed or the store is closed
     */
    void awaitDurable() {
        commits.awaitDurable();
    }

    /**
     * Runs a read, translating MVStore failures.
     *
     * @param read the read
     * @param <T> result type
     * @return its result
     */
    <T> T guard(Supplier<T> read) {
        MVStore.TxCounter reading = null;
        try {
            reading = store.registerVersionUsage();
            return read.get();
        } catch (MVStoreException | IllegalStateException e) {
            throw new StorageException(StorageException.FAILURE, "store failure in " + path + ": " + e.getMessage(),
                    e);
        } finally {
            if (reading != null) {
                store.deregisterVersionUsage(reading);
            }
        }
    }

    private void commitAndSync() {
        gate.close();
        try {
            store.commit();
            if (++commitsSinceMaintenance >= MAINTENANCE_INTERVAL) {
                commitsSinceMaintenance = 0;
                // the compaction commits again and may reuse space: the version just committed must be on disk first
                store.sync();
                // rewriting live pages out of sparse chunks modifies maps, so it runs while writers are held off
                if (store.compact(TARGET_FILL_RATE, MAINTENANCE_WRITE_BYTES)) {
                    store.commit();
                }
            }
        } finally {
            gate.open();
        }
        store.sync();
    }

    /** @return the number of group commits so far */
    long commitCount() {
        return commits.commits();
    }

    /** Lets waiting writers finish, then commits and closes the file. */
    @Override
    public void close() {
        try {
            commits.close();
        } finally {
            gate.close();
            try {
                if (!store.isClosed()) {
                    store.close(CLOSE_COMPACTION_MILLIS);
                }
            } catch (MVStoreException e) {
                throw new StorageException(StorageException.FAILURE, "cannot close the store file " + path, e);
            } finally {
                gate.open();
            }
        }
    }
}
