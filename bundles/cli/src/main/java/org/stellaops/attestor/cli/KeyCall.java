package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code stella attest key} command shares: the client and the choice of a key version by id or by
 * number; {@link Printing} commands also print the service's answer, in human form or with {@code --json} as is.
 */
abstract class KeyCall implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** A command that prints the service's answer. */
    abstract static class Printing extends KeyCall {

        @Option(names = "--json", description = "Print the service's JSON answer instead of the human summary.")
        boolean json;

        /** Prints an answer: as JSON with {@code --json}, else in its human form. */
        int print(JsonNode answer, Consumer<PrintWriter> human) {
            PrintWriter out = out();
            if (json) {
                out.println(KeyOutput.pretty(answer));
            } else {
                human.accept(out);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** A key version: by its id, or by its number (looked up first). */
    static final class VersionChoice {
        @Option(names = "--key-id", required = true, paramLabel = "<hex>",
                description = "The version's key id (64 hex digits).")
        String keyId;

        @Option(names = "--key-version", required = true, paramLabel = "<n>",
                description = "The version's number (1 for the first); its key id is looked up first.")
        Integer version;
    }

    AttestorClient client(String scope) {
        return Stella.options(spec).client(Stella.environment(spec), scope);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * @return the key id of the chosen version of the named key, which must exist (a lookup for
     *         {@code --key-version})
     */
    static String keyId(AttestorClient client, String name, VersionChoice choice, String ownerQuery) {
        if (choice.keyId != null) {
            return KeyArgs.keyId(choice.keyId);
        }
        JsonNode key = client.call("GET", AttestorClient.KEYS_PATH + "/" + name + ownerQuery, null);
        for (JsonNode version : key.path("versions")) {
            if (version.path("version").asInt() == choice.version) {
                return KeyArgs.keyId(version.path("keyId").asText());
            }
        }
        throw new CliException("key.not_found", ExitCodes.FAILED, "key '" + name + "' has no version "
                + choice.version);
    }
}
