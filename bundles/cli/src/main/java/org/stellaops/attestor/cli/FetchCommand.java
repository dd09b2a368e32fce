package org.stellaops.attestor.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.sdk.json.StrictJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella attest fetch}: downloads an entry record (or only its envelope).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fetch a logged entry from the Attestor service (GET <url>/api/v1/rekor/entries/<uuid>).",
            "Writes the record (uuid, envelopeDigest, status, logEntries, envelope) or, with --envelope-only, its "
                + "DSSE envelope, ready for 'stella attest verify --envelope'."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class FetchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--uuid", required = true, paramLabel = "<uuid|sha256:hex>",
            description = "The entry: its uuid (64 hex) or its envelope digest sha256:<64 hex>.")
    String uuid;

    @Option(names = "--out", paramLabel = "<file>|-", defaultValue = CliFiles.STDOUT,
            description = "Where to write the JSON (default: - for standard output).")
    String out;

    @Option(names = "--envelope-only", description = "Write only the entry's DSSE envelope.")
    boolean envelopeOnly;

    @Override
    public Integer call() {
        String id = EntryIds.check(uuid);
        AttestorClient client = Stella.options(spec).client(Stella.environment(spec), AttestorClient.READ_SCOPE);
        JsonNode record = client.fetchEntry(id);
        if (!record.isObject()) {
            throw malformed("it is not a JSON object");
        }
        JsonNode result = record;
        if (envelopeOnly) {
            result = record.path("envelope");
            if (!result.isObject()) {
                throw malformed("it has no \"envelope\" object");
            }
        }
        CliFiles.write(out, pretty(result), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private static String pretty(JsonNode json) {
        try {
            return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static CliException malformed(String why) {
        return new CliException("response.malformed", ExitCodes.UNAVAILABLE,
                "the service's answer is not an entry record: " + why);
    }
}
