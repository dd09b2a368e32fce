package org.stellaops.attestor.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.Callable;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.crypto.PrivateKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.intoto.Statements;
import org.stellaops.attestor.sdk.json.JsonLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stella attest sign}: signs a statement file into a DSSE envelope, offline with a key file ({@code --key}),
 * or with a key the service holds ({@code --server-key}, {@link RemoteSign}), which can also submit it at once.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sign an in-toto statement into a DSSE envelope: offline with a key file (--key), or by the Attestor "
                + "service with one of its keys (--server-key, POST <url>/api/v1/sign; scope attestor.write).",
            "The statement is checked first (in-toto v1 or v0.1, subjects with digests, predicateType).",
            "Keys: PEM PKCS#8 (PRIVATE KEY), SEC1 (EC PRIVATE KEY) or PKCS#1 (RSA PRIVATE KEY); EC P-256 (ECDSA SHA-256), "
                + "P-384 (ECDSA SHA-384), Ed25519, RSA >= 2048 bits (PKCS#1 v1.5 SHA-256)."},
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {ExitCodes.HELP_OK, ExitCodes.HELP_FAILED, ExitCodes.HELP_USAGE, ExitCodes.HELP_UNAVAILABLE,
            ExitCodes.HELP_INTERNAL})
final class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--statement", required = true, paramLabel = "<file>", description = "The in-toto statement (JSON).")
    Path statement;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Signer signer;

    /** Exactly one: a key file, or a key of the service. */
    static final class Signer {
        @Option(names = "--key", required = true, paramLabel = "<private-key.pem>",
                description = "The signing key (PEM): sign offline.")
        Path key;

        @Option(names = "--server-key", required = true, paramLabel = "<name|key-id>",
                description = "A key the service holds for the token's tenant: its name (the version that signs "
                    + "now) or a version's key id. The service signs the statement file's exact bytes.")
        String serverKey;
    }

    @Option(names = "--submit",
            description = "With --server-key: submit the envelope at once, as 'POST /api/v1/rekor/entries' would.")
    boolean submit;

    @Option(names = "--payload-type", paramLabel = "<type>", defaultValue = Envelope.IN_TOTO_PAYLOAD_TYPE,
            description = "DSSE payloadType (default: ${DEFAULT-VALUE}).")
    String payloadType;

    @Option(names = "--keyid", paramLabel = "<hint>",
            description = "keyid hint written into the signature (default: the key's id, lowercase hex SHA-256 of its "
                + "public key's SPKI; an empty value leaves the keyid out).")
    String keyId;

    @Option(names = "--out", paramLabel = "<file>|-", defaultValue = CliFiles.STDOUT,
            description = "Where to write the envelope JSON (default: - for standard output).")
    String out;

    @Override
    public Integer call() {
        if (payloadType.isBlank()) {
            throw CliException.usage("usage.bad_payload_type", "--payload-type must not be empty", null);
        }
        if (signer.serverKey != null && keyId != null) {
            throw CliException.usage("usage.keyid_with_server_key", "--keyid is for --key: the service names its "
                    + "own key in the signature", null);
        }
        if (signer.serverKey == null && submit) {
            throw CliException.usage("usage.submit_without_server_key", "--submit goes with --server-key; submit an "
                    + "envelope signed offline with the HTTP API (POST /api/v1/rekor/entries)", null);
        }
        byte[] payload = CliFiles.read(statement, "statement");
        checkStatement(payload);
        if (signer.serverKey != null) {
            return new RemoteSign(spec, statement, out).sign(signer.serverKey, payloadType, payload, submit);
        }
        PrivateKey privateKey = readKey();
        Envelope envelope;
        KeyAlgorithm algorithm;
        String hint;
        try {
            PublicKey publicKey = PrivateKeys.publicKeyOf(privateKey);
            algorithm = PublicKeys.defaultAlgorithm(publicKey);
            hint = keyId != null ? keyId : PublicKeys.keyId(publicKey);
            envelope = DsseEnvelopes.sign(payloadType, payload, privateKey, algorithm, hint);
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), "cannot sign with " + signer.key + ": " + e.getMessage(), e);
        }
        String json = new String(DsseEnvelopes.toJson(envelope), StandardCharsets.UTF_8);
        CliFiles.write(out, json, spec.commandLine().getOut());
        if (!CliFiles.STDOUT.equals(out)) {
            spec.commandLine().getOut().println("signed " + statement + " with " + algorithm
                    + (hint.isEmpty() ? "" : " (keyid " + hint + ")") + " into " + out);
        }
        return ExitCodes.OK;
    }

    private void checkStatement(byte[] payload) {
        try {
            Statements.parse(payload, JsonLimits.DEFAULT);
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), "the statement " + statement + " is not a valid in-toto statement: "
                    + e.getMessage(), e);
        }
    }

    private PrivateKey readKey() {
        String pem = new String(CliFiles.read(signer.key, "key"), StandardCharsets.UTF_8);
        try {
            return PrivateKeys.parsePem(pem);
        } catch (AttestorException e) {
            throw CliException.usage(e.code(), "cannot read a private key from " + signer.key + ": " + e.getMessage(),
                    e);
        }
    }
}
