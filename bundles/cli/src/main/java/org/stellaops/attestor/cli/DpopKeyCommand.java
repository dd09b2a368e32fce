package org.stellaops.attestor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.stellaops.attestor.sdk.jose.Jwk;
import org.stellaops.attestor.sdk.json.StrictJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella auth dpop-key}: creates an EC P-256 DPoP key as a private JWK file (0600), never overwriting one.
 */
@Command(name = "dpop-key", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Create a DPoP key (EC P-256, private JWK, file mode 0600) for --dpop-key. Prints its thumbprint.",
            "An existing file is never overwritten."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_USAGE, ExitCodes.HELP_INTERNAL})
final class DpopKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "<file>", description = "Where to write the private JWK.")
    Path out;

    @Override
    public Integer call() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Jwk key = Jwk.ofKeyPair(generator.generateKeyPair());
        key = key.withKid(key.thumbprint()).withAlg("ES256");
        byte[] json;
        try {
            json = (StrictJson.mapper().writeValueAsString(key.toPrivateJson()) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        write(json);
        spec.commandLine().getOut().println(key.thumbprint());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void write(byte[] json) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(out);
            }
            Files.write(out, json, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw CliException.usage("file.exists", out + " already exists; a DPoP key is never overwritten", e);
        } catch (IOException e) {
            throw CliException.usage("file.unwritable", "cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
