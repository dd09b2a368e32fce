package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.AuditEvent;
import org.stellaops.attestor.store.AuditPage;
import org.stellaops.attestor.store.AuditQuery;
import org.stellaops.attestor.store.AuditStore;
import org.stellaops.attestor.store.ChainedAuditEvent;

class AuditWriterTest {

    private static AuditEvent event(int n) {
        return new AuditEvent(Instant.now(), "anonymous", "entry.verify", "sha256:" + n, "success", "", "", "tenant-a");
    }

    @Test
    void writesEveryQueuedEventBeforeItCloses() {
        MemoryStores.Audit store = new MemoryStores.Audit();
        AuditWriter writer = new AuditWriter(store, 100, 4, Duration.ofSeconds(5), e -> { });
        for (int i = 0; i < 50; i++) {
            writer.submit(event(i));
        }
        writer.close();
        assertEquals(50, store.eventCount());
    }

    @Test
    void failsAnActionWhoseEventFindsNoRoomInTheQueueInTime() {
        CountDownLatch release = new CountDownLatch(1);
        AuditWriter writer = new AuditWriter(new Blocking(release), 1, 1, Duration.ofMillis(50), e -> { });
        writer.submit(event(1)); // taken by the writer, which now waits on the store
        Harness.await("the writer holds the first event", () -> writer.backlog() == 0);
        writer.submit(event(2)); // fills the queue
        assertThrows(StorageException.class, () -> writer.submit(event(3)));
        release.countDown();
        writer.close();
    }

    @Test
    void retriesAnEventTheStoreRefusedUntilItIsWritten() {
        MemoryStores.Audit store = new MemoryStores.Audit();
        AtomicInteger failures = new AtomicInteger(2);
        AuditStore flaky = new Delegating(store) {
            @Override
            public ChainedAuditEvent append(AuditEvent event) {
                if (failures.getAndDecrement() > 0) {
                    throw new StorageException(StorageException.FAILURE, "disk full", null);
                }
                return store.append(event);
            }
        };
        AuditWriter writer = new AuditWriter(flaky, 10, 1, Duration.ofSeconds(5), e -> { });
        writer.submit(event(1));
        Harness.await("written after two failures", () -> store.eventCount() == 1);
        writer.close();
    }

    @Test
    void announcesAnEventOnlyOnceItIsWritten() {
        MemoryStores.Audit store = new MemoryStores.Audit();
        List<AuditEvent> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        AuditWriter writer = new AuditWriter(store, 10, 1, Duration.ofSeconds(5), announced::add);
        writer.submit(event(7));
        writer.close();
        assertEquals(store.recentEvents(1), announced);
    }

    /** An audit store whose appends wait for a latch. */
    private static final class Blocking extends Delegating {
        private final CountDownLatch release;

        Blocking(CountDownLatch release) {
            super(new MemoryStores.Audit());
            this.release = release;
        }

        @Override
        public ChainedAuditEvent append(AuditEvent event) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.append(event);
        }
    }

    /** Forwards everything to another audit store. */
    private static class Delegating implements AuditStore {
        private final AuditStore target;

        Delegating(AuditStore target) {
            this.target = target;
        }

        @Override
        public ChainedAuditEvent append(AuditEvent event) {
            return target.append(event);
        }

        @Override
        public Optional<ChainedAuditEvent> head() {
            return target.head();
        }

        @Override
        public List<ChainedAuditEvent> chain(long fromSeq, int limit) {
            return target.chain(fromSeq, limit);
        }

        @Override
        public AuditPage events(AuditQuery query) {
            return target.events(query);
        }

        @Override
        public List<AuditEvent> recentEvents(int limit) {
            return target.recentEvents(limit);
        }

        @Override
        public long eventCount() {
            return target.eventCount();
        }
    }
}
