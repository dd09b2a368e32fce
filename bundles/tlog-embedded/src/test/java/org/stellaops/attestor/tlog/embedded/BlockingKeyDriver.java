package org.stellaops.attestor.tlog.embedded;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.stellaops.attestor.api.keys.KeyDriver;
import org.stellaops.attestor.api.keys.KeyDriverCapabilities;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.KeyInfo;
import org.stellaops.attestor.testing.MemoryKeyDriver;

/**
 * A real key driver whose signing can be held: once armed, the next checkpoint signature waits until released,
 * which holds the sequencer inside a batch (as a slow disk or HSM would) so the queue behind it fills up.
 */
final class BlockingKeyDriver implements KeyDriver {

    private final MemoryKeyDriver delegate;
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile CountDownLatch holding = new CountDownLatch(0);

    BlockingKeyDriver(MemoryKeyDriver delegate) {
        this.delegate = delegate;
    }

    /** The next signature blocks until {@link #release()}; {@link #awaitHolding()} returns once it does. */
    void arm() {
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    void awaitHolding() throws InterruptedException {
        if (!holding.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the sequencer never reached the checkpoint signature");
        }
    }

    void release() {
        release.countDown();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public KeyDriverCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public List<KeyInfo> keys() {
        return delegate.keys();
    }

    @Override
    public Optional<KeyInfo> key(String keyId) {
        return delegate.key(keyId);
    }

    @Override
    public KeyInfo createKey(String name, KeyAlgorithm algorithm) {
        return delegate.createKey(name, algorithm);
    }

    @Override
    public byte[] sign(String keyId, byte[] message) {
        CountDownLatch h = holding;
        CountDownLatch r = release;
        h.countDown();
        try {
            if (!r.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return delegate.sign(keyId, message);
    }
}
