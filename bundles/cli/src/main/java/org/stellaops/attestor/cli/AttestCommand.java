package org.stellaops.attestor.cli;

import picocli.CommandLine.Command;

/**
 * {@code stella attest}: the attestation commands.
 */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = "Sign in-toto statements into DSSE envelopes, verify envelopes and log entries, fetch and "
            + "search entries, manage the service's keys and verification policies.",
        subcommands = {SignCommand.class, VerifyCommand.class, FetchCommand.class, SearchCommand.class,
            KeyCommand.class, PolicyCommand.class},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class AttestCommand {
}
