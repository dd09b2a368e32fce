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
            "network failure", "HTTP 4xx", "usage error", "--cacert", "--token", "--data-dir", "--dpop-key",
            "https://127.0.0.1:8443"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }

    @Test
    void authTokenHelpListsTheScopesAndDefaults() {
        Cli.Result result = Cli.run("auth", "token", "--help");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        for (String text : new String[] {"--scope", "attestor.write", "attestor.verify", "attestor.read",
            "attestor.admin", "--tenant", "--subject", "--ttl", "--audience", "stella-cli", "15m"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }

    @Test
    void keyHelpListsEveryKeyCommand() {
        Cli.Result result = Cli.run("attest", "key", "--help");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        for (String text : new String[] {"list", "show", "create", "rotate", "retire", "revoke", "import", "export",
            "attestor.admin", "Exit codes:"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }

    @Test
    void keyImportHelpSaysWhereThePasswordComesFrom() {
        Cli.Result result = Cli.run("attest", "key", "import", "--help");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        for (String text : new String[] {"--cosign", "--password-file", "COSIGN_PASSWORD", "--shared", "--json"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }

    @Test
    void signHelpOffersBothTheKeyFileAndTheServerKey() {
        Cli.Result result = Cli.run("attest", "sign", "--help");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        for (String text : new String[] {"--key", "--server-key", "--submit", "attestor.write", "HTTP 4xx"}) {
            assertTrue(result.out().contains(text), () -> "help should mention " + text + "\n" + result);
        }
    }
}
