package org.stellaops.attestor.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stella attest sign --server-key}: the service signs the statement file's exact bytes (sent as a base64
 * {@code payload}, so what is signed is what the file holds) with one of its keys, and submits the envelope if asked.
 * The envelope is written as the offline signature is; a summary line goes to standard output when the envelope
 * goes to a file, else to standard error, so that standard output stays the envelope alone.
 */
final class RemoteSign {

    private final CommandSpec spec;
    private final Path statement;
    private final String out;

    RemoteSign(CommandSpec spec, Path statement, String out) {
        this.spec = spec;
        this.statement = statement;
        this.out = out;
    }

    int sign(String serverKey, String payloadType, byte[] payload, boolean submit) {
        byte[] body = JsonBody.object(payload.length * 4 / 3).text("key", serverKey)
                .text("payload", Base64.getEncoder().encodeToString(payload)).text("payloadType", payloadType)
                .flag("submit", submit).bytes();
        AttestorClient client = Stella.options(spec).client(Stella.environment(spec), AttestorClient.WRITE_SCOPE);
        JsonNode answer = client.call("POST", AttestorClient.SIGN_PATH, body);
        Envelope envelope = envelope(answer);
        PrintWriter stdout = spec.commandLine().getOut();
        CliFiles.write(out, new String(DsseEnvelopes.toJson(envelope), StandardCharsets.UTF_8), stdout);
        PrintWriter summary = CliFiles.STDOUT.equals(out) ? spec.commandLine().getErr() : stdout;
        summary.println("signed " + statement + " with server key " + serverKey + " v"
                + answer.path("version").asInt() + " (keyid " + answer.path("keyId").asText() + ")"
                + (CliFiles.STDOUT.equals(out) ? "" : " into " + out));
        if (submit) {
            summary.println("submitted: " + answer.path("status").asText() + " uuid " + answer.path("uuid").asText()
                    + " " + answer.path("envelopeDigest").asText() + " " + answer.path("statusUrl").asText());
        }
        summary.flush();
        return ExitCodes.OK;
    }

    private static Envelope envelope(JsonNode answer) {
        JsonNode envelope = answer.path("envelope");
        if (!envelope.isObject()) {
            throw KeyOutput.malformed("it has no \"envelope\" object");
        }
        try {
            return DsseEnvelopes.parse(envelope.toString().getBytes(StandardCharsets.UTF_8), CliFiles.LARGE_JSON)
                    .envelope();
        } catch (AttestorException e) {
            throw KeyOutput.malformed("its envelope does not parse (" + e.code() + ": " + e.getMessage() + ")");
        }
    }
}
