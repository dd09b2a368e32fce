package org.stellaops.attestor.store.embedded;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child-process program for the crash test: several threads write records and audit events as fast as they can
 * and print {@code ack <seed>} after each write returned, until the parent kills the process.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /**
     * @param args store file, number of records, number of threads
     * @throws InterruptedException never in practice: the parent kills the process first
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedStore store = new EmbeddedStore(Paths.get(args[0]));
        int total = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        AtomicInteger next = new AtomicInteger();
        PrintStream out = System.out;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String seed = "crash-" + i;
                    store.entries().putIfAbsent(Records.entry(seed));
                    store.audit().append(Records.event(i));
                    synchronized (out) {
                        out.println("ack " + seed);
                        out.flush();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        out.println("done");
        out.flush();
    }
}
