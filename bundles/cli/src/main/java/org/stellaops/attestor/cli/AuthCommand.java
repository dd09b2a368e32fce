package org.stellaops.attestor.cli;

import picocli.CommandLine.Command;

/**
 * {@code stella auth}: credentials for a local Attestor.
 */
@Command(name = "auth", mixinStandardHelpOptions = true,
        description = "Mint development access tokens and create DPoP keys for a local Attestor.",
        subcommands = {TokenCommand.class, DpopKeyCommand.class},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE, ExitCodes.HELP_INTERNAL})
final class AuthCommand {
}
