package org.stellaops.attestor.cli;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.StrictJson;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stella attest policy}: the tenant's verification policies — list, show, create, update, approve, delete,
 * simulate (docs/cli.md).
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {
            "Manage the verification policies of the token's tenant (<url>/api/v1/policies).",
            "Reading needs the scope attestor.read; every change, approval and simulation attestor.admin."},
        subcommands = {PolicyCommand.List.class, PolicyCommand.Show.class, PolicyCommand.Create.class,
            PolicyCommand.Update.class, PolicyCommand.Approve.class, PolicyCommand.Delete.class,
            PolicyCommand.Simulate.class},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class PolicyCommand {

    static final String FILE_HELP = "The policy document: YAML if the file name ends in .yaml or .yml, else JSON. Its "
            + "id names the policy and its version must be the next one (1 for a new policy).";

    /** {@code stella attest policy list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the tenant's policies: active and latest version, versions waiting for approval.")
    static final class List extends KeyCall.Printing {
        @Override
        public Integer call() {
            JsonNode answer = client(AttestorClient.READ_SCOPE).call("GET", AttestorClient.POLICIES_PATH, null);
            return print(answer, out -> PolicyOutput.listing(out, answer));
        }
    }

    /** {@code stella attest policy show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show a policy with its versions and approvals, or one version; --document prints the "
                + "document exactly as stored (to edit it for the next version).")
    static final class Show extends KeyCall.Printing {
        @Option(names = "--id", required = true, paramLabel = "<id>", description = "The policy's id.")
        String id;

        @Option(names = "--version", paramLabel = "<n>", description = "One version (default: the whole policy).")
        Integer version;

        @Option(names = "--document", description = "Print only the document of --version (default: the latest "
                + "version that has one).")
        boolean document;

        @Override
        public Integer call() {
            String path = AttestorClient.POLICIES_PATH + "/" + PolicyArgs.id(id)
                    + (version == null ? "" : "/versions/" + PolicyArgs.version("--version", version));
            JsonNode answer = client(AttestorClient.READ_SCOPE).call("GET", path, null);
            if (document) {
                out().print(documentOf(answer));
                out().flush();
                return ExitCodes.OK;
            }
            return print(answer, out -> {
                if (version == null) {
                    PolicyOutput.policy(out, answer);
                } else {
                    out.println(PolicyOutput.version(answer));
                }
            });
        }

        private static String documentOf(JsonNode answer) {
            if (answer.has("version")) {
                return answer.path("document").asText("");
            }
            String latest = "";
            for (JsonNode v : answer.path("versions")) {
                if (!v.path("deleted").asBoolean()) {
                    latest = v.path("document").asText("");
                }
            }
            return latest;
        }
    }

    /** {@code stella attest policy create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Store a new policy (validated strictly by the service against the tenant's keys, key "
                + "sets, logs and witnesses).")
    static final class Create extends KeyCall.Printing {
        @Option(names = "--file", required = true, paramLabel = "<file>", description = FILE_HELP)
        Path file;

        @Option(names = "--comment", paramLabel = "<text>", description = "Why, recorded with the version.")
        String comment;

        @Override
        public Integer call() {
            PolicyArgs.Document doc = PolicyArgs.document(file);
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", AttestorClient.POLICIES_PATH
                    + PolicyArgs.commentQuery(comment), doc.bytes(), doc.contentType());
            return print(answer, out -> PolicyOutput.policy(out, answer));
        }
    }

    /** {@code stella attest policy update}. */
    @Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Store the next version of a policy (every change is a new, immutable version).")
    static final class Update extends KeyCall.Printing {
        @Option(names = "--id", required = true, paramLabel = "<id>", description = "The policy's id.")
        String id;

        @Option(names = "--file", required = true, paramLabel = "<file>", description = FILE_HELP)
        Path file;

        @Option(names = "--comment", paramLabel = "<text>", description = "Why, recorded with the version.")
        String comment;

        @Override
        public Integer call() {
            PolicyArgs.Document doc = PolicyArgs.document(file);
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("PUT", AttestorClient.POLICIES_PATH + "/"
                    + PolicyArgs.id(id) + PolicyArgs.commentQuery(comment), doc.bytes(), doc.contentType());
            return print(answer, out -> PolicyOutput.policy(out, answer));
        }
    }

    /** {@code stella attest policy approve}. */
    @Command(name = "approve", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Approve a version waiting for approval (the two-person rule: not its author).")
    static final class Approve extends KeyCall.Printing {
        @Option(names = "--id", required = true, paramLabel = "<id>", description = "The policy's id.")
        String id;

        @Option(names = "--version", required = true, paramLabel = "<n>", description = "The version to approve.")
        Integer version;

        @Override
        public Integer call() {
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", AttestorClient.POLICIES_PATH + "/"
                    + PolicyArgs.id(id) + "/versions/" + PolicyArgs.version("--version", version) + "/approve", null);
            return print(answer, out -> PolicyOutput.policy(out, answer));
        }
    }

    /** {@code stella attest policy delete}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Delete a policy: its next version is a tombstone; the history stays.")
    static final class Delete extends KeyCall.Printing {
        @Option(names = "--id", required = true, paramLabel = "<id>", description = "The policy's id.")
        String id;

        @Option(names = "--comment", paramLabel = "<text>", description = "Why, recorded with the tombstone.")
        String comment;

        @Override
        public Integer call() {
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("DELETE", AttestorClient.POLICIES_PATH + "/"
                    + PolicyArgs.id(id) + PolicyArgs.commentQuery(comment), null);
            return print(answer, out -> PolicyOutput.policy(out, answer));
        }
    }

    /** {@code stella attest policy simulate}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show what a draft would change over the tenant's stored attestations, compared with the "
                + "active version. Changes nothing.")
    static final class Simulate extends KeyCall.Printing {
        @Option(names = "--id", required = true, paramLabel = "<id>", description = "The policy's id.")
        String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Draft draft;

        /** Exactly one of the two. */
        static final class Draft {
            @Option(names = "--file", required = true, paramLabel = "<file>",
                    description = "The draft document (YAML for .yaml/.yml, else JSON).")
            Path file;

            @Option(names = "--draft-version", required = true, paramLabel = "<n>",
                    description = "A stored version, for example one waiting for approval.")
            Integer version;
        }

        @Option(names = "--since", paramLabel = "<time>", description = "Only records created at or after this "
                + "RFC 3339 date-time.")
        String since;

        @Option(names = "--until", paramLabel = "<time>", description = "Only records created before this time.")
        String until;

        @Option(names = "--predicate-type", paramLabel = "<uri>", description = "Only records of this type.")
        String predicateType;

        @Option(names = "--subject", paramLabel = "<alg:hex>", description = "Only records about this digest.")
        String subject;

        @Option(names = "--limit", paramLabel = "<n>", description = "Records listed per kind of change "
                + "(0-1000, default 100).")
        Integer limit;

        @Override
        public Integer call() {
            ObjectNode body = StrictJson.mapper().createObjectNode();
            if (draft.file != null) {
                PolicyArgs.Document doc = PolicyArgs.document(draft.file);
                if (doc.yaml()) {
                    body.put("draftYaml", new String(doc.bytes(), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    body.set("draft", json(doc.bytes()));
                }
            } else {
                body.put("draftVersion", PolicyArgs.version("--draft-version", draft.version));
            }
            putIfSet(body, "since", KeyArgs.time("--since", since));
            putIfSet(body, "until", KeyArgs.time("--until", until));
            putIfSet(body, "predicateType", predicateType);
            putIfSet(body, "subject", subject);
            if (limit != null) {
                body.put("limit", limit);
            }
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", AttestorClient.POLICIES_PATH + "/"
                    + PolicyArgs.id(id) + "/simulate", bytes(body));
            return print(answer, out -> PolicyOutput.simulation(out, answer));
        }

        private JsonNode json(byte[] document) {
            try {
                return StrictJson.parse(document, CliFiles.LARGE_JSON);
            } catch (AttestorException e) {
                throw CliException.usage(e.code(), "the draft " + draft.file + " is not JSON (name YAML files "
                        + ".yaml or .yml): " + e.getMessage(), e);
            }
        }
    }

    static void putIfSet(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    static byte[] bytes(JsonNode body) {
        try {
            return StrictJson.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private PolicyCommand() {
    }
}
