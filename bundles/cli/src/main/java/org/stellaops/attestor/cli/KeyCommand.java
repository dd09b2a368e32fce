package org.stellaops.attestor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stella attest key}: the service's key registry — list and show keys, create, rotate, retire, revoke, import
 * and export them (docs/cli.md).
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {
            "Manage the signing keys the Attestor service holds for the token's tenant (GET/POST <url>/api/v1/keys).",
            "Reading needs the scope attestor.read, every change attestor.admin."},
        subcommands = {KeyCommand.List.class, KeyCommand.Show.class, KeyLifecycleCommands.Create.class,
            KeyLifecycleCommands.Rotate.class, KeyLifecycleCommands.Retire.class, KeyLifecycleCommands.Revoke.class,
            KeyTransferCommands.Import.class, KeyTransferCommands.Export.class},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class KeyCommand {

    static final String OWNER_HELP = "Only 'service': the operator's own keys (such as the service key that signs "
            + "receipts); for the operator's token only.";

    /** {@code stella attest key list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the tenant's keys (and the shared keys it trusts) with every version, and the key "
                + "drivers that are running.",
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class List extends KeyCall.Printing {

        @Option(names = "--owner", paramLabel = "service", description = OWNER_HELP)
        String owner;

        @Override
        public Integer call() {
            String query = KeyArgs.ownerQuery(owner);
            JsonNode answer = client(AttestorClient.READ_SCOPE).call("GET", AttestorClient.KEYS_PATH + query, null);
            return print(answer, out -> KeyOutput.listing(out, answer));
        }
    }

    /** {@code stella attest key show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show one of the tenant's keys with every version.",
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Show extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The key's name.")
        String name;

        @Option(names = "--owner", paramLabel = "service", description = OWNER_HELP)
        String owner;

        @Override
        public Integer call() {
            String path = AttestorClient.KEYS_PATH + "/" + KeyArgs.name(name) + KeyArgs.ownerQuery(owner);
            JsonNode answer = client(AttestorClient.READ_SCOPE).call("GET", path, null);
            return print(answer, out -> KeyOutput.key(out, answer));
        }
    }
}
