package org.stellaops.attestor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The CPU time (user + system) a Linux process has used so far, read from {@code /proc/<pid>/stat}, and the CPU
 * time of this JVM.
 *
 * <p>Wall-clock rates on a shared machine move with the other load on it; CPU time per item moves much less, so the
 * load driver reports both.
 */
public final class ProcessCpu {

    /** The usual {@code getconf CLK_TCK} of Linux, used unless {@code --clock-ticks} says otherwise. */
    public static final int DEFAULT_CLOCK_TICKS = 100;

    /** {@code utime} is field 14 of the stat line, {@code stime} field 15 (proc(5), counted from 1). */
    private static final int UTIME_FIELD = 14;
    /** Fields after the command name start with field 3 (the state). */
    private static final int FIRST_FIELD_AFTER_COMMAND = 3;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Path stat;
    private final int clockTicks;

    private ProcessCpu(Path stat, int clockTicks) {
        if (clockTicks <= 0) {
            throw new IllegalArgumentException("clock ticks per second must be positive, not " + clockTicks);
        }
        this.stat = stat;
        this.clockTicks = clockTicks;
    }

    /**
     * The CPU time of a process by pid.
     *
     * @param pid the process id
     * @param clockTicks clock ticks per second ({@code getconf CLK_TCK})
     * @return a reader of {@code /proc/<pid>/stat}
     */
    public static ProcessCpu ofPid(long pid, int clockTicks) {
        return new ProcessCpu(Path.of("/proc", Long.toString(pid), "stat"), clockTicks);
    }

    /**
     * The CPU time recorded in a stat file in the format of {@code /proc/<pid>/stat}.
     *
     * @param stat the file
     * @param clockTicks clock ticks per second of its figures
     * @return a reader of that file
     */
    static ProcessCpu ofStatFile(Path stat, int clockTicks) {
        return new ProcessCpu(stat, clockTicks);
    }

    /** @return the stat file read */
    public Path statFile() {
        return stat;
    }

    /**
     * Reads the process's CPU time now.
     *
     * @return user + system CPU time in nanoseconds
     * @throws StatException when the stat file cannot be read (the process is gone, or not on Linux) or is not a
     *         stat line
     */
    public long cpuNanos() throws StatException {
        String line;
        try {
            line = Files.readString(stat, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StatException(StatException.UNREADABLE, stat, "cannot read " + stat + ": " + e, e);
        }
        long ticks = cpuTicks(line, stat);
        // Split so that ticks * 10^9 cannot overflow, however long the process has run.
        return ticks / clockTicks * NANOS_PER_SECOND + ticks % clockTicks * NANOS_PER_SECOND / clockTicks;
    }

    /**
     * Parses {@code utime + stime} (in clock ticks) out of a stat line. The fields are counted after the last
     * {@code ')'}: the command name in field 2 may itself contain spaces and parentheses.
     *
     * @param line the content of a stat file
     * @param stat where it came from, for the message
     * @return user + system time in clock ticks
     * @throws StatException when the line is not a stat line
     */
    static long cpuTicks(String line, Path stat) throws StatException {
        int close = line.lastIndexOf(')');
        if (close < 0 || line.indexOf('(') < 0 || line.indexOf('(') > close) {
            throw malformed(stat, "no command name in parentheses");
        }
        String[] fields = line.substring(close + 1).trim().split(" +");
        int utime = UTIME_FIELD - FIRST_FIELD_AFTER_COMMAND;
        if (fields.length < utime + 2) {
            throw malformed(stat, "only " + (fields.length + FIRST_FIELD_AFTER_COMMAND - 1)
                    + " fields, utime and stime are fields 14 and 15");
        }
        return ticks(fields[utime], "utime", stat) + ticks(fields[utime + 1], "stime", stat);
    }

    /**
     * The CPU time this JVM has used so far.
     *
     * @return nanoseconds, or empty when the JVM does not measure it
     */
    public static OptionalLong ownCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean measured) {
            long nanos = measured.getProcessCpuTime();
            // -1 means "not supported on this platform": reporting it as 0 would look like an idle driver.
            return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
        }
        return OptionalLong.empty();
    }

    private static long ticks(String field, String name, Path stat) throws StatException {
        if (field.isEmpty() || field.length() > 18 || !field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(stat, name + " is not a count of clock ticks: " + field);
        }
        return Long.parseLong(field);
    }

    private static StatException malformed(Path stat, String why) {
        return new StatException(StatException.MALFORMED, stat, "not a process stat line in " + stat + ": " + why,
                null);
    }

    /** A stat file that cannot be read or parsed; never turned into a CPU time of 0. */
    public static final class StatException extends IOException {

        /** The file could not be read: the process is gone, or this is not Linux. */
        public static final String UNREADABLE = "cpu.stat_unreadable";
        /** The file was read but is not a stat line with numeric utime and stime. */
        public static final String MALFORMED = "cpu.stat_malformed";

        private static final long serialVersionUID = 1L;

        private final String code;
        private final transient Path path;

        StatException(String code, Path path, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.path = path;
        }

        /** @return {@link #UNREADABLE} or {@link #MALFORMED} */
        public String code() {
            return code;
        }

        /** @return the stat file */
        public Path path() {
            return path;
        }
    }
}
