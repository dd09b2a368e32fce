package org.stellaops.attestor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock the test moves by hand, so that time-dependent behaviour (expiry, lifetimes) is tested without waiting. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the first instant the clock shows */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param by how far to move the clock forward (or back, if negative) */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
