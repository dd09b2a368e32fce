package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
            "Prints one line per check and a summary; exits 0 only if the service says verified.",
            "With --policy (a stored policy) or --policy-file (a document by value), also prints the policy's "
                + "decision, rule by rule, and exits 0 only if the attestation is allowed."},
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

    @ArgGroup(exclusive = true)
    Policy policy;

    /** At most one of the two. */
    static final class Policy {
        @Option(names = "--policy", required = true, paramLabel = "<id>[@<version>]",
                description = "Judge by this stored policy of the tenant (its active version, or the version given).")
        String reference;

        @Option(names = "--policy-file", required = true, paramLabel = "<file>",
                description = "Judge by this policy document (JSON), given by value: nothing is stored (air-gapped "
                    + "use).")
        Path file;
    }

    @Option(names = "--subject", paramLabel = "<alg:hex>",
            description = "The artifact asked about (needs a policy): rules with requested subjects check it.")
    String subject;

    @Option(names = "--vsa-out", paramLabel = "<file|->",
            description = "Ask for the decision signed by the service as a SLSA verification summary (DSSE "
                + "envelope) and write it here (needs a policy).")
    String vsaOut;

    @Override
    public Integer call() {
        AttestorClient client = Stella.options(spec).client(Stella.environment(spec), AttestorClient.VERIFY_SCOPE);
        if ((subject != null || vsaOut != null) && policy == null) {
            throw CliException.usage("usage.needs_policy", "--subject and --vsa-out need --policy or --policy-file",
                    null);
        }
        ObjectNode body = StrictJson.mapper().createObjectNode();
        if (target.envelope != null) {
            body.set("envelope", readEnvelope(target.envelope));
        } else {
            body.put("uuid", EntryIds.check(target.uuid));
        }
        if (policy != null) {
            addPolicy(body);
        }
        JsonNode response = client.verify(body);
        VerifyReport report = VerifyReport.parse(response);
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        if (policy == null) {
            out.flush();
            return report.exitCode();
        }
        PolicyReport decision = PolicyReport.parse(response);
        decision.lines().forEach(out::println);
        out.flush();
        if (vsaOut != null) {
            CliFiles.write(vsaOut, response.path("vsa").toString(), out);
        }
        return decision.exitCode();
    }

    private void addPolicy(ObjectNode body) {
        if (policy.reference != null) {
            body.put("policy", policy.reference);
        } else {
            byte[] document = CliFiles.read(policy.file, "policy document");
            try {
                body.set("policyDocument", StrictJson.parse(document, CliFiles.LARGE_JSON));
            } catch (AttestorException e) {
                throw CliException.usage(e.code(), "the policy document " + policy.file + " is not JSON: "
                        + e.getMessage(), e);
            }
        }
        if (subject != null) {
            body.put("subject", subject);
        }
        if (vsaOut != null) {
            body.put("vsa", true);
        }
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
