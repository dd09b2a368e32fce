package org.stellaops.attestor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stella attest key import|export}: key pairs in and out of a key driver in cosign's format. Passwords come
 * from {@code --password-file} or {@value Passwords#ENV}, never from the command line, travel as characters and
 * are cleared once sent; an exported private key is written to a new file readable by its owner only.
 */
final class KeyTransferCommands {

    static final String COSIGN = "cosign";
    static final String PUBLIC_PEM = "public-pem";

    private KeyTransferCommands() {
    }

    /** {@code stella attest key import}. */
    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Import a cosign key pair (cosign generate-key-pair's cosign.key) into a key driver, as "
                + "version 1 of a new key.",
                "The password is read from --password-file or the environment variable " + Passwords.ENV + "."},
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Import extends KeyCall.Printing {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The new key's name.")
        String name;

        @Option(names = "--driver", required = true, paramLabel = "<driver>", description = "The key driver.")
        String driver;

        @Option(names = "--cosign", required = true, paramLabel = "<cosign.key>",
                description = "The encrypted cosign private key (ENCRYPTED SIGSTORE PRIVATE KEY PEM).")
        Path cosignKey;

        @Option(names = "--password-file", paramLabel = "<file>",
                description = "A file holding the key's password (one final line break is ignored). Default: the "
                    + "environment variable " + Passwords.ENV + ".")
        Path passwordFile;

        @Option(names = "--shared", description = "Trusted by every tenant (the operator only).")
        boolean shared;

        @Override
        public Integer call() {
            String key = new String(CliFiles.read(cosignKey, "cosign key"), StandardCharsets.UTF_8);
            String keyName = KeyArgs.name(name);
            char[] password = Passwords.read(passwordFile, Stella.environment(spec), "importing a cosign key");
            byte[] body = null;
            try {
                body = JsonBody.object(key.length()).text("name", keyName).text("driver", driver)
                        .text("format", COSIGN).text("key", key).secret("password", password)
                        .flag("shared", shared).bytes();
                JsonNode answer = client(AttestorClient.ADMIN_SCOPE).call("POST", AttestorClient.KEYS_PATH
                        + "/import", body);
                return print(answer, out -> KeyOutput.key(out, answer));
            } finally {
                Passwords.clear(password);
                if (body != null) {
                    Arrays.fill(body, (byte) 0);
                }
            }
        }
    }

    /** {@code stella attest key export}. */
    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Export a key version: the encrypted private key in cosign's format (cosign.key), or its "
                + "public key (public-pem, cosign.pub).",
                "A cosign export is encrypted with the password from --password-file or " + Passwords.ENV
                    + " and written to a new file of mode 0600; an existing file is never overwritten."},
            exitCodeListHeading = ExitCodes.HELP_HEADING,
            exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE,
                ExitCodes.HELP_UNAVAILABLE, ExitCodes.HELP_INTERNAL})
    static final class Export extends KeyCall {

        @Option(names = "--name", required = true, paramLabel = "<name>", description = "The key's name.")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        VersionChoice choice;

        @Option(names = "--format", required = true, paramLabel = "<format>",
                description = COSIGN + " (the encrypted private key) or " + PUBLIC_PEM + " (the public key).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "<file>|-",
                description = "Where to write the key (- for standard output).")
        String out;

        @Option(names = "--password-file", paramLabel = "<file>",
                description = "For cosign: a file holding the password to encrypt the key with. Default: the "
                    + "environment variable " + Passwords.ENV + ".")
        Path passwordFile;

        @Override
        public Integer call() {
            if (!COSIGN.equals(format) && !PUBLIC_PEM.equals(format)) {
                throw CliException.usage("usage.bad_format", "--format must be " + COSIGN + " or " + PUBLIC_PEM
                        + ": " + format, null);
            }
            String keyName = KeyArgs.name(name);
            if (COSIGN.equals(format) && !CliFiles.STDOUT.equals(out) && Files.exists(Path.of(out))) {
                throw CliException.usage("file.exists", out + " already exists; an exported private key never "
                        + "overwrites a file", null);
            }
            char[] password = COSIGN.equals(format)
                    ? Passwords.read(passwordFile, Stella.environment(spec), "exporting a cosign key") : null;
            byte[] body = null;
            JsonNode answer;
            try {
                body = JsonBody.object().text("format", format).secret("password", password).bytes();
                AttestorClient client = client(AttestorClient.ADMIN_SCOPE);
                String keyId = keyId(client, keyName, choice, "");
                answer = client.call("POST", AttestorClient.KEYS_PATH + "/" + keyName + "/versions/" + keyId
                        + "/export", body);
            } finally {
                Passwords.clear(password);
                if (body != null) {
                    Arrays.fill(body, (byte) 0);
                }
            }
            if (!answer.path("key").isTextual()) {
                throw KeyOutput.malformed("it has no \"key\" text");
            }
            write(answer.path("key").asText());
            return ExitCodes.OK;
        }

        private void write(String key) {
            String text = key.endsWith("\n") ? key : key + "\n";
            PrintWriter stdout = out();
            if (CliFiles.STDOUT.equals(out)) {
                stdout.print(text);
                stdout.flush();
                return;
            }
            Path file = Path.of(out);
            if (COSIGN.equals(format)) {
                writePrivate(file, text.getBytes(StandardCharsets.UTF_8));
            } else {
                CliFiles.write(out, text.substring(0, text.length() - 1), stdout);
            }
            stdout.println("exported " + name + " as " + format + " into " + out);
            stdout.flush();
        }

        private static void writePrivate(Path file, byte[] bytes) {
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                throw CliException.usage("file.exists", file + " already exists; an exported private key never "
                        + "overwrites a file", e);
            } catch (IOException e) {
                throw CliException.usage("file.unwritable", "cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
