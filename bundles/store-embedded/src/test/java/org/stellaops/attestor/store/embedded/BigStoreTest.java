package org.stellaops.attestor.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory target: a million records in a JVM whose heap is capped at 512 MiB. Runs {@link BigStoreRun} in a child
 * JVM with {@code -Xmx512m} and prints its figures (heap after GC, file size, mean lookup times at 10,000 and at
 * 1,000,000 records); passes if the child stored everything and found what it looked up. It asserts no times.
 * Takes long, so it runs only with {@code -Dattestor.bigstore=true}
 * ({@code -Dattestor.bigstore.records=N} changes the final count).
 */
@EnabledIfSystemProperty(named = "attestor.bigstore", matches = "true")
class BigStoreTest {

    private static final String HEAP = "-Xmx512m";
    private static final int WRITERS = 64;

    @TempDir
    Path dir;

    @Test
    void storesAMillionRecordsInA512MibHeap() throws Exception {
        int records = Integer.getInteger("attestor.bigstore.records", 1_000_000);
        Process child = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-da:org.h2...",
                "-cp", System.getProperty("java.class.path"), BigStoreRun.class.getName(),
                dir.resolve("attestor.mv").toString(), Integer.toString(WRITERS),
                Integer.toString(Math.min(10_000, records)), Integer.toString(records))
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("[big store] " + line);
                output.add(line);
            }
        } catch (IOException e) {
            child.destroyForcibly();
            throw e;
        }
        assertTrue(child.waitFor(1, TimeUnit.HOURS), "the child ended");
        assertEquals(0, child.exitValue(), () -> String.join("\n", output));
        assertEquals("done", output.get(output.size() - 1));
    }
}
