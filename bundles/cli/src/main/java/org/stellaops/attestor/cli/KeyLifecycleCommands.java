package org.stellaops.attestor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stella attest key create|rotate|retire|revoke}: a key's lifecycle. Times are RFC 3339 date-times; a time in
 * the future schedules the change (a rotation whose version signs from then on, a retirement from then on).
 */
final class KeyLifecycleCommands {

    private KeyLifecycleCommands() {
    }

    /** {@code stella attest key create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Create a signing key in a key driver, as version 1.",
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Create extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>",
                description = "The new key's name: 1 to 64 characters of A-Z a-z 0-9 . _ -, unique in the tenant.")
        String name;

        @Option(names = "--driver", required = true, paramLabel = "<driver>",
                description = "The key driver to create it in ('stella attest key list' shows the running ones).")
        String driver;

        @Option(names = "--algorithm", paramLabel = "<algorithm>",
                description = "ECDSA_P256_SHA256 (default), ECDSA_P384_SHA384, ED25519, RSA_PKCS1_SHA256 or "
                    + "RSA_PSS_SHA256, as far as the driver makes them.")
        String algorithm;

        @Option(names = "--valid-from", paramLabel = "<time>",
                description = "When it starts to sign and verify (default: now).")
        String validFrom;

        @Option(names = "--shared", description = "Trusted by every tenant (the operator only).")
        boolean shared;

        @Override
        public Integer call() {
            byte[] body = JsonBody.object().text("name", KeyArgs.name(name)).text("driver", driver)
                    .text("algorithm", KeyArgs.algorithm(algorithm))
                    .text("validFrom", KeyArgs.time("--valid-from", validFrom)).flag("shared", shared).bytes();
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", AttestorClient.KEYS_PATH, body);
            return print(answer, out -> KeyOutput.key(out, answer));
        }
    }

    /** {@code stella attest key rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Add the next version of a key. Older versions keep verifying until they are retired.",
                "A driver key gets a new key pair from its driver; an external signer's key needs --public-key."},
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Rotate extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The key's name.")
        String name;

        @Option(names = "--at", paramLabel = "<time>",
                description = "When the new version starts to sign (default: now; later schedules the rotation).")
        String at;

        @Option(names = "--retire-previous-at", paramLabel = "<time>",
                description = "When the previous versions stop verifying (default: they stay valid until retired).")
        String retirePreviousAt;

        @Option(names = "--algorithm", paramLabel = "<algorithm>",
                description = "A driver key's new algorithm (default: the current version's).")
        String algorithm;

        @Option(names = "--public-key", paramLabel = "<public-key.pem>",
                description = "For an external signer's key: the new public key (PEM).")
        Path publicKey;

        @Option(names = "--owner", paramLabel = "service", description = KeyCommand.OWNER_HELP)
        String owner;

        @Override
        public Integer call() {
            String pem = publicKey == null ? null
                    : new String(CliFiles.read(publicKey, "public key"), StandardCharsets.UTF_8);
            byte[] body = JsonBody.object().text("at", KeyArgs.time("--at", at))
                    .text("retirePreviousAt", KeyArgs.time("--retire-previous-at", retirePreviousAt))
                    .text("algorithm", KeyArgs.algorithm(algorithm)).text("publicKeyPem", pem).bytes();
            String path = AttestorClient.KEYS_PATH + "/" + KeyArgs.name(name) + "/rotate" + KeyArgs.ownerQuery(owner);
            JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", path, body);
            return print(answer, out -> KeyOutput.version(out, answer));
        }
    }

    /** {@code stella attest key retire}. */
    @Command(name = "retire", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Retire a version: signatures with a trusted time from then on no longer count.",
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Retire extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The key's name.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        VersionChoice choice;

        @Option(names = "--at", paramLabel = "<time>", description = "When (default: now; later schedules it).")
        String at;

        @Option(names = "--owner", paramLabel = "service", description = KeyCommand.OWNER_HELP)
        String owner;

        @Override
        public Integer call() {
            String query = KeyArgs.ownerQuery(owner);
            byte[] body = JsonBody.object().text("at", KeyArgs.time("--at", at)).bytes();
            AttestorClient client = client(AttestorClient.ADMIN_SCOPE);
            String keyId = keyId(client, KeyArgs.name(name), choice, query);
            JsonNode answer = client.call("POST", AttestorClient.KEYS_PATH + "/" + name + "/versions/" + keyId
                    + "/retire" + query, body);
            return print(answer, out -> KeyOutput.version(out, answer));
        }
    }

    /** {@code stella attest key revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Revoke a version, now. Signatures it made after its revocation no longer verify.",
                "For key_compromise, signatures without a trusted time before --compromised-at fail too."},
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Revoke extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The key's name.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        VersionChoice choice;

        @Option(names = "--reason", required = true, paramLabel = "<reason>",
                description = "unspecified, key_compromise, superseded or cessation_of_operation.")
        String reason;

        @Option(names = "--compromised-at", paramLabel = "<time>",
                description = "With key_compromise: when the compromise began (default: now).")
        String compromisedAt;

        @Option(names = "--owner", paramLabel = "service", description = KeyCommand.OWNER_HELP)
        String owner;

        @Override
        public Integer call() {
            String query = KeyArgs.ownerQuery(owner);
            if (compromisedAt != null && !"key_compromise".equals(reason)) {
                throw CliException.usage("usage.bad_reason", "--compromised-at goes with --reason key_compromise only",
                        null);
            }
            byte[] body = JsonBody.object().text("reason", KeyArgs.reason(reason))
                    .text("compromisedAt", KeyArgs.time("--compromised-at", compromisedAt)).bytes();
            AttestorClient client = client(AttestorClient.ADMIN_SCOPE);
            String keyId = keyId(client, KeyArgs.name(name), choice, query);
            JsonNode answer = client.call("POST", AttestorClient.KEYS_PATH + "/" + name + "/versions/" + keyId
                    + "/revoke" + query, body);
            return print(answer, out -> KeyOutput.version(out, answer));
        }
    }
}
