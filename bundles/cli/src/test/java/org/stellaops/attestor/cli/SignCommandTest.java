package org.stellaops.attestor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerifier;
import org.stellaops.attestor.sdk.dsse.TrustedSigner;
import org.stellaops.attestor.sdk.json.JsonLimits;

class SignCommandTest {

    @TempDir
    Path dir;

    private static Envelope parse(String json) {
        return DsseEnvelopes.parse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT).envelope();
    }

    private static EnvelopeVerification verify(Envelope envelope, KeyPair pair) {
        KeyAlgorithm algorithm = PublicKeys.defaultAlgorithm(pair.getPublic());
        TrustedSigner signer = new TrustedSigner(PublicKeys.keyId(pair.getPublic()), pair.getPublic(), algorithm);
        return EnvelopeVerifier.verify(envelope, List.of(signer));
    }

    @ParameterizedTest
    @EnumSource(TestKeys.class)
    void signsWithEveryKeyTypeIntoAnEnvelopeThatVerifies(TestKeys type) throws Exception {
        KeyPair pair = type.generate();
        Path statement = TestFiles.statement(dir);

        Cli.Result result = Cli.run("attest", "sign", "--statement", statement.toString(),
                "--key", TestKeys.writePkcs8(dir, pair).toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        Envelope envelope = parse(result.out());
        assertEquals("application/vnd.in-toto+json", envelope.payloadType());
        assertArrayEquals(Files.readAllBytes(statement), envelope.payload().value());
        assertEquals(PublicKeys.keyId(pair.getPublic()), envelope.signatures().get(0).keyId());
        assertEquals(Set.of(PublicKeys.keyId(pair.getPublic())), verify(envelope, pair).verifiedKeyIds());
    }

    @ParameterizedTest
    @EnumSource(value = TestKeys.class, names = {"EC_P256", "EC_P384", "RSA_2048"})
    void readsTraditionalSec1AndPkcs1PemKeys(TestKeys type) throws Exception {
        KeyPair pair = type.generate();

        Cli.Result result = Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", TestKeys.writeTraditional(dir, pair).toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(verify(parse(result.out()), pair).anyVerified());
    }

    @Test
    void writesTheGivenKeyIdHint() throws Exception {
        KeyPair pair = TestKeys.EC_P256.generate();

        Cli.Result result = Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", TestKeys.writePkcs8(dir, pair).toString(), "--keyid", "release-signing-2024");

        Envelope envelope = parse(result.out());
        assertEquals("release-signing-2024", envelope.signatures().get(0).keyId());
        assertTrue(verify(envelope, pair).anyVerified());
    }

    @Test
    void leavesTheKeyIdOutWhenTheHintIsEmpty() throws Exception {
        Cli.Result result = Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", TestKeys.writePkcs8(dir, TestKeys.ED25519.generate()).toString(), "--keyid", "");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        JsonNode signature = new ObjectMapper().readTree(result.out()).path("signatures").path(0);
        assertTrue(signature.has("sig"), result::toString);
        assertFalse(signature.has("keyid"), result::toString);
    }

    @Test
    void usesTheGivenPayloadType() throws Exception {
        KeyPair pair = TestKeys.EC_P384.generate();

        Cli.Result result = Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", TestKeys.writePkcs8(dir, pair).toString(), "--payload-type", "application/vnd.example+json");

        Envelope envelope = parse(result.out());
        assertEquals("application/vnd.example+json", envelope.payloadType());
        assertTrue(verify(envelope, pair).anyVerified());
    }

    @Test
    void writesTheEnvelopeToTheOutFile() throws Exception {
        KeyPair pair = TestKeys.EC_P256.generate();
        Path out = dir.resolve("statement.dsse.json");

        Cli.Result result = Cli.run("attest", "sign", "--statement", TestFiles.statement(dir).toString(),
                "--key", TestKeys.writePkcs8(dir, pair).toString(), "--out", out.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(verify(parse(Files.readString(out)), pair).anyVerified());
        assertTrue(result.out().contains("ECDSA_P256_SHA256"), result::toString);
    }
}
