package org.stellaops.attestor.sdk.rekor.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.model.Signature;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.rekor.HashedRekord;

class RekorV1ProposalTest {

    private static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static Envelope envelope(String keyId) {
        return DsseEnvelopes.sign(Envelope.IN_TOTO_PAYLOAD_TYPE, PAYLOAD, TestKeys.P256.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, keyId);
    }

    private static JsonNode json(byte[] bytes) {
        return StrictJson.parse(bytes, JsonLimits.DEFAULT);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    @Test
    void hashedRekordProposalHasTheV001Shape() {
        Envelope env = envelope("");
        HashedRekordRequest req = HashedRekord.forSignature(env, env.signatures().get(0), TestKeys.P256.getPublic(),
                KeyAlgorithm.ECDSA_P256_SHA256);
        String expected = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{"
                + "\"algorithm\":\"sha256\",\"value\":\"" + req.digest().hex() + "\"}},\"signature\":{\"content\":\""
                + req.signature().base64() + "\",\"publicKey\":{\"content\":\""
                + b64(PublicKeys.toPem(TestKeys.P256.getPublic())) + "\"}}}}";
        assertEquals(expected, new String(RekorV1.hashedRekordProposal(req), StandardCharsets.UTF_8));
    }

    @Test
    void hashedRekordProposalNamesSha384ForP384() {
        Envelope env = DsseEnvelopes.sign("t", PAYLOAD, TestKeys.P384.getPrivate(), KeyAlgorithm.ECDSA_P384_SHA384, "");
        HashedRekordRequest req = HashedRekord.forSignature(env, env.signatures().get(0), TestKeys.P384.getPublic(),
                KeyAlgorithm.ECDSA_P384_SHA384);
        assertEquals("sha384", json(RekorV1.hashedRekordProposal(req)).path("spec").path("data").path("hash")
                .path("algorithm").asText());
    }

    @Test
    void hashedRekordProposalRefusesADigestOfTheWrongLength() {
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(new byte[20]), Bytes.of(new byte[] {1}),
                Bytes.of(TestKeys.P256.getPublic().getEncoded()), KeyAlgorithm.ECDSA_P256_SHA256);
        assertEquals("rekor.invalid_request",
                assertThrows(AttestorException.class, () -> RekorV1.hashedRekordProposal(req)).code());
    }

    @Test
    void intotoProposalEncodesPayloadAndSignatureTwiceAndTheKeyAsBase64Pem() {
        Envelope env = envelope("");
        JsonNode content = json(RekorV1.intotoProposal(env, TestKeys.P256.getPublic())).path("spec").path("content");
        JsonNode wire = content.path("envelope");
        assertEquals(Envelope.IN_TOTO_PAYLOAD_TYPE, wire.path("payloadType").asText());
        assertEquals(b64(env.payload().base64()), wire.path("payload").asText());
        JsonNode sig = wire.path("signatures").get(0);
        assertEquals(b64(env.signatures().get(0).sig().base64()), sig.path("sig").asText());
        assertEquals(b64(PublicKeys.toPem(TestKeys.P256.getPublic())), sig.path("publicKey").asText());
        assertFalse(sig.has("keyid"));
    }

    @Test
    void intotoProposalHasApiVersionAndKind() {
        JsonNode root = json(RekorV1.intotoProposal(envelope(""), TestKeys.P256.getPublic()));
        assertEquals("0.0.2", root.path("apiVersion").asText());
        assertEquals("intoto", root.path("kind").asText());
    }

    @Test
    void intotoHashIsSha256OfTheCanonicalSingleEncodedEnvelopeWithThePem() {
        Envelope env = envelope("signer-1");
        String pem = PublicKeys.toPem(TestKeys.P256.getPublic());
        String canonical = "{\"payload\":\"" + env.payload().base64() + "\",\"payloadType\":\""
                + Envelope.IN_TOTO_PAYLOAD_TYPE + "\",\"signatures\":[{\"keyid\":\"signer-1\",\"publicKey\":"
                + jsonString(pem) + ",\"sig\":\"" + env.signatures().get(0).sig().base64() + "\"}]}";
        JsonNode hash = json(RekorV1.intotoProposal(env, TestKeys.P256.getPublic())).path("spec").path("content")
                .path("hash");
        assertEquals("sha256", hash.path("algorithm").asText());
        assertEquals(HexFormat.of().formatHex(Hashing.sha256(canonical.getBytes(StandardCharsets.UTF_8))),
                hash.path("value").asText());
    }

    @Test
    void intotoPayloadHashIsSha256OfThePayload() {
        JsonNode payloadHash = json(RekorV1.intotoProposal(envelope(""), TestKeys.P256.getPublic())).path("spec")
                .path("content").path("payloadHash");
        assertEquals(HexFormat.of().formatHex(Hashing.sha256(PAYLOAD)), payloadHash.path("value").asText());
    }

    @Test
    void intotoProposalKeepsANonEmptyKeyId() {
        JsonNode sig = json(RekorV1.intotoProposal(envelope("signer-1"), TestKeys.P256.getPublic())).path("spec")
                .path("content").path("envelope").path("signatures").get(0);
        assertEquals("signer-1", sig.path("keyid").asText());
    }

    @Test
    void intotoProposalListsOnlyTheSignaturesOfTheGivenSigner() {
        Envelope env = DsseEnvelopes.addSignature(envelope("a"), TestKeys.P384.getPrivate(),
                KeyAlgorithm.ECDSA_P384_SHA384, "b");
        JsonNode sigs = json(RekorV1.intotoProposal(env, TestKeys.P384.getPublic())).path("spec").path("content")
                .path("envelope").path("signatures");
        assertEquals(1, sigs.size());
        assertEquals("b", sigs.get(0).path("keyid").asText());
    }

    @Test
    void intotoProposalRefusesAKeyThatSignedNothing() {
        Envelope env = envelope("");
        Envelope forged = new Envelope(env.payloadType(), env.payload(),
                List.of(new Signature("", Bytes.of(new byte[] {0x30, 0x00}))));
        assertEquals("rekor.bad_signature", assertThrows(AttestorException.class,
                () -> RekorV1.intotoProposal(forged, TestKeys.P256.getPublic())).code());
    }
}
