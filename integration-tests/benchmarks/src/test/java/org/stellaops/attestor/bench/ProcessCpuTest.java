package org.stellaops.attestor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    /** Fields 3–15 of a stat line, with utime 250 and stime 50 ticks (fields 14 and 15), then the rest. */
    private static final String AFTER_COMMAND =
            " S 1 4242 4242 0 -1 4194560 19843 0 3 0 250 50 7 9 20 0 33 0 1024 5368709120 96000 18446744073709551615";

    @TempDir
    Path dir;

    @Test
    void countsUtimeAndStimeAfterTheLastParenthesisOfACommandWithSpacesAndParentheses() throws IOException {
        Path stat = write("4242 (java) 1 2 (x) y)" + AFTER_COMMAND + "\n");
        assertEquals(3_000_000_000L, ProcessCpu.ofStatFile(stat, 100).cpuNanos(), "300 ticks at 100 per second");
    }

    @Test
    void convertsTicksWithTheGivenClockRate() throws IOException {
        Path stat = write("4242 (attestor)" + AFTER_COMMAND);
        assertEquals(300_000_000L, ProcessCpu.ofStatFile(stat, 1000).cpuNanos(), "300 ticks at 1000 per second");
    }

    @Test
    void keepsTheFractionOfASecondWhenTicksAreNotWholeSeconds() throws IOException {
        Path stat = write("4242 (attestor)" + AFTER_COMMAND.replace(" 250 50 ", " 250 51 "));
        assertEquals(3_010_000_000L, ProcessCpu.ofStatFile(stat, 100).cpuNanos());
    }

    @Test
    void refusesAStatLineThatEndsBeforeStime() throws IOException {
        Path stat = write("4242 (java) S 1 4242 4242 0 -1 4194560 19843 0 3 0 250");
        ProcessCpu.StatException e = assertThrows(ProcessCpu.StatException.class,
                () -> ProcessCpu.ofStatFile(stat, 100).cpuNanos());
        assertEquals(ProcessCpu.StatException.MALFORMED, e.code());
        assertEquals(stat, e.path());
        assertTrue(e.getMessage().contains(stat.toString()), e.getMessage());
    }

    @Test
    void refusesAStatLineWhoseUtimeIsNotACount() throws IOException {
        Path stat = write("4242 (java)" + AFTER_COMMAND.replace(" 250 50 ", " -250 50 "));
        ProcessCpu.StatException e = assertThrows(ProcessCpu.StatException.class,
                () -> ProcessCpu.ofStatFile(stat, 100).cpuNanos());
        assertEquals(ProcessCpu.StatException.MALFORMED, e.code());
        assertTrue(e.getMessage().contains("utime"), e.getMessage());
    }

    @Test
    void refusesAStatLineWithoutACommandInParentheses() throws IOException {
        Path stat = write("4242 java" + AFTER_COMMAND);
        ProcessCpu.StatException e = assertThrows(ProcessCpu.StatException.class,
                () -> ProcessCpu.ofStatFile(stat, 100).cpuNanos());
        assertEquals(ProcessCpu.StatException.MALFORMED, e.code());
    }

    @Test
    void aPidWithoutAStatFileIsAnErrorNamingThePathNotZero() {
        // Linux never hands out PID_MAX_LIMIT itself (pids stay below pid_max, which is at most that).
        ProcessCpu.StatException e = assertThrows(ProcessCpu.StatException.class,
                () -> ProcessCpu.ofPid(LoadOptions.MAX_PID, 100).cpuNanos());
        assertEquals(ProcessCpu.StatException.UNREADABLE, e.code());
        assertEquals(Path.of("/proc/4194304/stat"), e.path());
        assertTrue(e.getMessage().contains("/proc/4194304/stat"), e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException, String.valueOf(e.getCause()));
    }

    @Test
    void theCpuTimeOfThisProcessIsPositiveAndNeverDecreasesWhileItWorks() throws Exception {
        ProcessCpu self = ProcessCpu.ofStatFile(Path.of("/proc/self/stat"), ProcessCpu.DEFAULT_CLOCK_TICKS);
        burnCpu();
        long first = self.cpuNanos();
        burnCpu();
        long second = self.cpuNanos();
        assertTrue(first > 0, "first reading " + first);
        assertTrue(second >= first, first + " then " + second);
    }

    @Test
    void readsTheStatFileOfTheGivenPid() throws Exception {
        ProcessCpu byPid = ProcessCpu.ofPid(ProcessHandle.current().pid(), ProcessCpu.DEFAULT_CLOCK_TICKS);
        assertEquals(Path.of("/proc/" + ProcessHandle.current().pid() + "/stat"), byPid.statFile());
        assertTrue(byPid.cpuNanos() > 0);
    }

    @Test
    void thisJvmMeasuresItsOwnCpuTime() {
        OptionalLong own = ProcessCpu.ownCpuNanos();
        assertTrue(own.isPresent(), "HotSpot on Linux supports getProcessCpuTime");
        assertTrue(own.getAsLong() > 0, String.valueOf(own));
    }

    private Path write(String line) throws IOException {
        Path stat = dir.resolve("stat");
        Files.writeString(stat, line, StandardCharsets.US_ASCII);
        return stat;
    }

    /** A fixed amount of work (64 MiB hashed), so the process has used CPU time between two readings. */
    private static void burnCpu() throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[64 * 1024];
        for (int i = 0; i < 1024; i++) {
            byte[] digest = sha.digest(block);
            System.arraycopy(digest, 0, block, 0, digest.length);
        }
    }
}
