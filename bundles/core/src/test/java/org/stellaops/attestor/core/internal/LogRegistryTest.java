package org.stellaops.attestor.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogRegistryTest {

    private final LogRegistry registry = new LogRegistry();
    private final TestLog log = new TestLog("log.test");

    private LogRegistry.Registration registration(long serviceId) {
        return new LogRegistry.Registration(log, "primary", 0, serviceId);
    }

    @Test
    void remembersTheKeysOfALogThatWentAway() {
        registry.add(registration(1));
        registry.remove(log);
        assertTrue(registry.registration(log.descriptor().logId()).isEmpty());
        assertEquals(log.descriptor(), registry.knownDescriptor(log.descriptor().logId()).orElseThrow());
    }

    @Test
    void neverLosesSightOfALogWhileItLeavesAndComesBack() throws Exception {
        String logId = log.descriptor().logId();
        registry.add(registration(1));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong unknown = new AtomicLong();
        AtomicLong lookups = new AtomicLong();
        Thread verifier = new Thread(() -> {
            while (running.get()) {
                lookups.incrementAndGet();
                if (registry.knownDescriptor(logId).isEmpty()) {
                    unknown.incrementAndGet();
                }
            }
        });
        verifier.start();
        try {
            for (int i = 2; i < 20_000 || lookups.get() < 20_000; i++) {
                registry.remove(log);
                registry.add(registration(i));
            }
        } finally {
            running.set(false);
            verifier.join();
        }
        assertEquals(0, unknown.get(), "lookups that found the log in neither place, of " + lookups.get());
    }
}
