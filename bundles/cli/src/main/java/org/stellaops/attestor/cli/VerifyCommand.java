package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.StrictJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella attest verify}: asks the service to verify an envelope or a logged entry and prints its checks.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Verify a DSSE envelope or a logged entry with the Attestor service (POST <url>/api/v1/rekor/verify).",
            "Prints one line per check and a summary; exits 0 only if the service says verified."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of the two. */
    static final class Target {
        @Option(names = "--envelope", required = true, paramLabel = "<file>", description = "A DSSE envelope (JSON) file.")
        Path envelope;

        @Option(names = "--uuid", required = true, paramLabel = "<uuid>",
                description = "A logged entry: its uuid (64 hex) or its envelope digest sha256:<64 hex>.")
        String uuid;
    }

    @Override
    public Integer call() {
        AttestorClient client = Stella.options(spec).client(Stella.environment(spec), AttestorClient.VERIFY_SCOPE);
        JsonNode response = target.envelope != null
                ? client.verifyEnvelope(readEnvelope(target.envelope))
                : client.verifyUuid(EntryIds.check(target.uuid));
        VerifyReport report = VerifyReport.parse(response);
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        out.flush();
        return report.exitCode();
    }

    /** Checks the envelope locally (clear usage errors) but sends the JSON as written: its digest must not change. */
    private static JsonNode readEnvelope(Path file) {
        byte[] json = CliFiles.read(file, "envelope");
        try {
            DsseEnvelopes.parse(json, CliFiles.LARGE_JSON);
            return StrictJson.parse(json, CliFiles.LARGE_JSON);
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), "the envelope " + file + " is not a valid DSSE envelope: " + e.getMessage(), e);
        }
    }
}
