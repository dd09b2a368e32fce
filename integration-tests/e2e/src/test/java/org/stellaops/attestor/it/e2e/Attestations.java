package org.stellaops.attestor.it.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.json.Jcs;
import org.stellaops.attestor.sdk.json.JsonLimits;

/** In-toto statements and DSSE envelopes for the tests: valid SLSA v1 provenance and deliberate defects. */
final class Attestations {

    static final String SLSA_V1 = "https://slsa.dev/provenance/v1";
    static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";

    private Attestations() {
    }

    /**
     * A valid SLSA v1 provenance statement for one artifact.
     *
     * @param artifactName the subject name; different names give different statements (and envelopes)
     * @return the statement as a mutable tree
     */
    static ObjectNode slsaStatement(String artifactName) {
        ObjectNode statement = ApiClient.MAPPER.createObjectNode();
        statement.put("_type", STATEMENT_V1);
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", artifactName);
        subject.putObject("digest").put("sha256", sha256Hex(artifactName.getBytes(StandardCharsets.UTF_8)));
        statement.put("predicateType", SLSA_V1);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode build = predicate.putObject("buildDefinition");
        build.put("buildType", "https://actions.github.io/buildtypes/workflow/v1");
        ObjectNode workflow = build.putObject("externalParameters").putObject("workflow");
        workflow.put("ref", "refs/heads/main");
        workflow.put("repository", "https://github.com/stellaops/attestor");
        workflow.put("path", ".github/workflows/release.yml");
        ObjectNode dependency = build.putArray("resolvedDependencies").addObject();
        dependency.put("uri", "git+https://github.com/stellaops/attestor@refs/heads/main");
        dependency.putObject("digest").put("gitCommit", "3f6c2d1e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d");
        ObjectNode run = predicate.putObject("runDetails");
        run.putObject("builder").put("id", "https://github.com/stellaops/attestor/.github/workflows/release.yml@refs/heads/main");
        run.putObject("metadata").put("invocationId", "https://github.com/stellaops/attestor/actions/runs/1/attempts/1");
        return statement;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return ApiClient.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(Envelope envelope) {
        return DsseEnvelopes.toJson(envelope);
    }

    static JsonNode tree(byte[] json) {
        try {
            return ApiClient.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code sha256:<hex>} of the JCS form, as the server identifies envelopes */
    static String envelopeDigest(byte[] envelopeJson) {
        return "sha256:" + sha256Hex(Jcs.canonicalize(envelopeJson, JsonLimits.DEFAULT));
    }

    /** The same envelope with its payload replaced and its signatures kept. */
    static Envelope withPayload(Envelope envelope, byte[] payload) {
        return new Envelope(envelope.payloadType(), Bytes.of(payload), envelope.signatures());
    }

    /** The same envelope with one signature whose bytes and key id hint are given. */
    static Envelope withSignature(Envelope envelope, String keyId, Bytes sig) {
        return new Envelope(envelope.payloadType(), envelope.payload(), List.of(new Signature(keyId, sig)));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
