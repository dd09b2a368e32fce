package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code stella} in-process and captures what it prints. */
final class Cli {

    record Result(int exitCode, String out, String err) {
        /** Requires this exit code; the failure shows what the command printed. */
        void assertExit(int expected) {
            org.junit.jupiter.api.Assertions.assertEquals(expected, exitCode, this::toString);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs with an empty environment, so no {@code STELLA_*} variable of the machine leaks into a test. */
    static Result run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    static Result runWithEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Stella.execute(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Result(code, out.toString(), err.toString());
    }
}
