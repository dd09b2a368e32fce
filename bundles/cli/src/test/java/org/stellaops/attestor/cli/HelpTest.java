package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelpTest {

    @Test
    void verifyHelpDocumentsTheOptionsAndEveryExitCode() {
        Cli.Result result = Cli.run("attest", "verify", "--help");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        for (String text : new String[] {"--url", "--timeout", "--envelope", "--uuid", "Exit codes:",
            "network failure", "HTTP 4xx", "usage error"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }
}
