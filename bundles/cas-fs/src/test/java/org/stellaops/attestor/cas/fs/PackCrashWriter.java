package org.stellaops.attestor.cas.fs;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child-process program for the crash test: several threads put distinct objects into a packed store as fast as
 * they can and print {@code ack <n> <address>} after each put returned, until the parent kills the process. Every
 * other thread stores {@value #GROUP} objects per {@code putAll} call and acknowledges them after it returned.
 */
public final class PackCrashWriter {

    private static final int GROUP = 4;

    private PackCrashWriter() {
    }

    /**
     * @param content the object number
     * @return the object's bytes (the test recomputes them)
     */
    static byte[] object(int content) {
        return ("{\"crash\":" + content + ",\"pad\":\"" + "y".repeat(200 + content % 13) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param args store root, pack size in bytes, first object number, number of threads
     * @throws InterruptedException never in practice: the parent kills the process first
     */
    public static void main(String[] args) throws InterruptedException {
        FsContentStore store = new FsContentStore(Paths.get(args[0]), true, Long.parseLong(args[1]));
        AtomicInteger next = new AtomicInteger(Integer.parseInt(args[2]));
        int threads = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int group = t % 2 == 0 ? 1 : GROUP;
            workers[t] = new Thread(() -> {
                while (true) {
                    int first = next.getAndAdd(group);
                    List<byte[]> objects = new ArrayList<>();
                    for (int n = first; n < first + group; n++) {
                        objects.add(object(n));
                    }
                    List<String> addresses = group == 1 ? List.of(store.put(objects.get(0))) : store.putAll(objects);
                    synchronized (out) {
                        for (int i = 0; i < group; i++) {
                            out.println("ack " + (first + i) + " " + addresses.get(i));
                        }
                        out.flush();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
