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

/**
 * A fresh P-256 key that signs in-toto statements about named artifacts (the subject digest is SHA-256 of the
 * name, so every artifact name makes a different submission).
 */
final class StatementSigner {

    private final KeyPair pair;

    private StatementSigner(KeyPair pair) {
        this.pair = pair;
    }

    static StatementSigner p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new StatementSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator", e);
        }
    }

    String publicKeyPem() {
        return PublicKeys.toPem(pair.getPublic());
    }

    /** @return the JSON of a DSSE envelope of a statement about {@code artifact} with this predicate */
    byte[] sign(String artifact, String predicateType, ObjectNode predicate) {
        ObjectNode statement = HttpApi.JSON.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", artifact);
        subject.putObject("digest").put("sha256", sha256Hex(artifact));
        statement.put("predicateType", predicateType);
        statement.set("predicate", predicate);
        try {
            Envelope envelope = DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE,
                    HttpApi.JSON.writeValueAsBytes(statement), pair.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                    PublicKeys.keyId(pair.getPublic()));
            return DsseEnvelopes.toJson(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
