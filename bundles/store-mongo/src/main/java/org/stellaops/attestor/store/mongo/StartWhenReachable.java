package org.stellaops.attestor.store.mongo;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.ComponentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stellaops.attestor.cas.StorageException;

/**
 * Brings up a component that needs MongoDB once MongoDB answers, and again whenever it is not up: a worker started
 * while its database is down (or that lost the race with a restarting replica set) serves as soon as the database
 * does, without an operator touching anything. Probes back off exponentially with jitter, from {@code minDelay} to
 * {@code maxDelay}; each distinct failure is logged once, at WARN.
 */
final class StartWhenReachable implements AutoCloseable {

    /** The component to bring up. */
    interface Target {
        /** Asks SCR to enable (and so activate) the component. */
        void enable();

        /** Asks SCR to disable it, so that a later enable activates it again. */
        void disable();

        /** @return whether its service is registered */
        boolean up();
    }

    /** Checks the database answers; throws {@link StorageException} with the reason when it does not. */
    @FunctionalInterface
    interface Probe {
        void run();
    }

    /** The first wait after a failed probe. */
    static final Duration MIN_DELAY = Duration.ofSeconds(1);
    /** How long {@link #close} waits for a running step (a probe is bounded by the server selection timeout). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(15);
    /** The longest wait between two probes. */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(StartWhenReachable.class);

    private final String what;
    private final Probe probe;
    private final Target target;
    private final Duration minDelay;
    private final Duration maxDelay;
    private final Duration grace;
    private final ScheduledExecutorService timer;
    private volatile boolean stopped;
    private volatile long failedProbes;
    private Duration delay;
    private String lastFailure;
    private long enabledAt;

    /**
     * @param what names the component in logs
     * @param probe the reachability check
     * @param target the component
     * @param minDelay the first wait after a failure
     * @param maxDelay the longest wait between probes
     * @param grace how long an enabled component may take to come up before it counts as failed
     */
    StartWhenReachable(String what, Probe probe, Target target, Duration minDelay, Duration maxDelay,
            Duration grace) {
        this.what = what;
        this.probe = Objects.requireNonNull(probe);
        this.target = Objects.requireNonNull(target);
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
        this.grace = grace;
        this.delay = minDelay;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attestor-store-mongo-start " + what);
            t.setDaemon(true);
            return t;
        });
        timer.execute(this::step);
    }

    private void step() {
        if (stopped) {
            return;
        }
        if (target.up()) {
            delay = minDelay;
            enabledAt = 0;
            next(maxDelay);
            return;
        }
        if (enabledAt != 0 && System.nanoTime() - enabledAt < grace.toNanos()) {
            next(minDelay);
            return;
        }
        if (enabledAt != 0) {
            LOG.warn("{} did not come up within {} ms of MongoDB answering; trying again", what, grace.toMillis());
            target.disable();
            enabledAt = 0;
        }
        try {
            probe.run();
            if (stopped) {
                return; // closed while probing: the starter's deactivation owns the component's state now
            }
            if (lastFailure != null) {
                LOG.info("MongoDB answers again: starting the {}", what);
            }
            lastFailure = null;
            enabledAt = System.nanoTime();
            target.enable();
            next(minDelay);
        } catch (RuntimeException e) {
            // StorageException is the expected "not reachable"; anything else (a bad setting, a stopping bundle)
            // must not end the loop silently either
            String reason = e instanceof StorageException ? e.getMessage() : e.toString();
            failedProbes++;
            if (!reason.equals(lastFailure)) {
                LOG.warn("{} waits for MongoDB: {} (retrying, at most every {} s)", what, reason,
                        maxDelay.toSeconds());
                lastFailure = reason;
            }
            next(delay);
            delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
        }
    }

    private void next(Duration after) {
        if (!stopped) {
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, after.toMillis() / 4 + 1));
            timer.schedule(this::step, after.toMillis() + jitter, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param context the starter's component context (same bundle as the component)
     * @param component the name of the disabled component to bring up
     * @param up whether its service is registered
     * @return the target
     */
    static Target component(ComponentContext context, String component, BooleanSupplier up) {
        return new Target() {
            @Override
            public void enable() {
                context.enableComponent(component);
            }

            @Override
            public void disable() {
                context.disableComponent(component);
            }

            @Override
            public boolean up() {
                return up.getAsBoolean();
            }
        };
    }

    /** @return how long a component may take to come up: the server selection timeout twice (ping, migration) + 10 s */
    static Duration grace(int serverSelectionTimeoutMillis) {
        return Duration.ofMillis(2L * Math.max(1, serverSelectionTimeoutMillis)).plusSeconds(10);
    }

    /** @return how many probes failed so far */
    long failedProbes() {
        return failedProbes;
    }

    /** Stops probing; the component's state is the caller's to change. */
    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
        try {
            // a step still running may be inside a probe; wait for it so it cannot enable after the caller disables
            timer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
