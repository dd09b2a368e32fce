package org.stellaops.attestor.store.embedded;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child-process program for the migration crash test: opens a store file that needs a migration, with a small
 * batch size, and after the given number of committed batches prints {@code stopped <step> <progress>} and stops
 * where it is until the parent kills the process (kill -9: no close, no commit). Prints {@code done} if the
 * migration ended first.
 */
public final class MigrationCrashRun {

    private MigrationCrashRun() {
    }

    /**
     * @param args store file, batch size, batches after which to stop
     * @throws InterruptedException never in practice: the parent kills the process while it waits
     */
    public static void main(String[] args) throws InterruptedException {
        int batch = Integer.parseInt(args[1]);
        int stopAfter = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        AtomicInteger batches = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        Migration.Listener listener = (step, done) -> {
            if (batches.incrementAndGet() == stopAfter) {
                out.println("stopped " + step + " " + done);
                out.flush();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting to be killed", e);
                }
            }
        };
        new EmbeddedStore(Paths.get(args[0]), 4, Clock.systemUTC(), batch, listener).close();
        out.println("done");
        out.flush();
    }
}
