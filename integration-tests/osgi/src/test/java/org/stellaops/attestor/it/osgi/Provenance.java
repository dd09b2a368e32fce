package org.stellaops.attestor.it.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;

/** A P-256 signer that produces DSSE envelopes of valid SLSA v1 provenance, one per artifact name. */
final class Provenance {

    private final KeyPair pair;

    private Provenance(KeyPair pair) {
        this.pair = pair;
    }

    static Provenance newSigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new Provenance(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    String publicKeyPem() {
        return PublicKeys.toPem(pair.getPublic());
    }

    /** @return the JSON of a signed envelope whose statement names {@code artifactName} as its subject */
    byte[] signedEnvelope(String artifactName) {
        Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, statement(artifactName), pair.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, PublicKeys.keyId(pair.getPublic()));
        return DsseEnvelopes.toJson(envelope);
    }

    private static byte[] statement(String artifactName) {
        ObjectNode statement = HttpApi.JSON.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", artifactName);
        subject.putObject("digest").put("sha256", sha256Hex(artifactName));
        statement.put("predicateType", "https://slsa.dev/provenance/v1");
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode build = predicate.putObject("buildDefinition");
        build.put("buildType", "https://actions.github.io/buildtypes/workflow/v1");
        build.putObject("externalParameters").put("workflow", ".github/workflows/release.yml");
        predicate.putObject("runDetails").putObject("builder").put("id", "https://github.com/stellaops/attestor/builder");
        try {
            return HttpApi.JSON.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
