package org.stellaops.attestor.sdk.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.Checkpoint;
import org.stellaops.attestor.api.model.Envelope;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.api.tlog.HashedRekordRequest;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.dsse.DsseEnvelopes;
import org.stellaops.attestor.sdk.dsse.Pae;
import org.stellaops.attestor.sdk.internal.Hashing;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.note.NoteKeys;

/**
 * Includes a real Rekor v2 (rekor-tiles, local instance) CreateEntry response: its canonicalizedBody, inclusion
 * proof and checkpoint signed by the rekor-tiles test key (tests/testdata/pki/ed25519-pub-key.pem).
 */
class HashedRekordTest {

    static final String BODY_B64 = "eyJhcGlWZXJzaW9uIjoiMC4wLjIiLCJraW5kIjoiaGFzaGVkcmVrb3JkIiwic3BlYyI6eyJoYXNoZW"
            + "RSZWtvcmRWMDAyIjp7ImRhdGEiOnsiYWxnb3JpdGhtIjoiU0hBMl8yNTYiLCJkaWdlc3QiOiJxeUtKRElDd09VQU1yNmhzN29RYjhIa2"
            + "prN3pGSVMwNGlxUFRSOW9sTTJVPSJ9LCJzaWduYXR1cmUiOnsiY29udGVudCI6Ik1FVUNJUUNGbTdrVzdocTZuMTJnVUV5OUxtQVhmaU"
            + "5lN2VHcVM1YS9iWXRpVHZqYXFRSWdNMm5SaitmRGJrdldaMWl2Y2MrK1hTWEU1SUNrYlQzZWMveXRwYmJQaWNNPSIsInZlcmlmaWVyIj"
            + "p7ImtleURldGFpbHMiOiJQS0lYX0VDRFNBX1AyNTZfU0hBXzI1NiIsInB1YmxpY0tleSI6eyJyYXdCeXRlcyI6Ik1Ga3dFd1lIS29aSX"
            + "pqMENBUVlJS29aSXpqMERBUWNEUWdBRThxTzZZOG16aWd6MnpDeE04SndBb29EZGZqSzhiTkJiMEN3R3p2UFVXcFpWblNUaWxBZ1lIUT"
            + "JZSkNzbDdhMlhRMmxab0wxY0lSRk1BRHJFTlVhZlZnPT0ifX19fX19";
    static final String ROOT_B64 = "VNORC1iO2BcsWjqyVIVD44LY8zp7DAw3ZmvuW5zm2To=";
    static final List<String> PROOF_B64 = List.of("fAbZjYbu70PoEv8yMBpH29Y7jWx56My3R3aL1zgtuFo=",
            "j5t5FH1kBaj3snsNcagZ+Jqa0E/me4lcFpsma0eNb1c=");
    static final String CHECKPOINT = "rekor-local\n11\n" + ROOT_B64 + "\n\n"
            + "\u2014 rekor-local 2AtEIA8mfiDu3bsom69h3ZLYTo16RWMVK1vdzgSwOgMiEPuWmthg6GCTxnTA5FRsyG3cVCw3gMMoOeGpN/Gm1KdA6AI=\n"
            + "\u2014 rekor-witness-test KI+4DwAAAABqQpR+JVpT8MYMWMvrMNLplduf8ZyaYHC6X5IjxYvix8NEBwZvQc6Tnlqe3ERpXPviwLsIPYMD"
            + "/DWWUItmKXOlrxWRCA==\n";
    static final String REKOR_LOCAL_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MCowBQYDK2VwAyEAREvJyNZGjX6B3DAIuD3BTg9rIwV00GY8Xg5FU+IFDUQ=\n-----END PUBLIC KEY-----\n";

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    @Test
    void reproducesTheCanonicalBodyRekorV2Logged() {
        byte[] body = b64(BODY_B64);
        JsonNode spec = StrictJson.parse(body, JsonLimits.DEFAULT).path("spec").path("hashedRekordV002");
        HashedRekordRequest req = new HashedRekordRequest(
                Bytes.fromBase64(spec.path("data").path("digest").asText()),
                Bytes.fromBase64(spec.path("signature").path("content").asText()),
                Bytes.fromBase64(spec.path("signature").path("verifier").path("publicKey").path("rawBytes").asText()),
                KeyAlgorithm.ECDSA_P256_SHA256);
        assertArrayEquals(body, HashedRekord.canonicalBody(req));
    }

    @Test
    void refusesAKeyThatDoesNotParseEveryTimeItIsAsked() {
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(new byte[32]), Bytes.of(new byte[64]),
                Bytes.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), KeyAlgorithm.ECDSA_P256_SHA256);
        AttestorException first = assertThrows(AttestorException.class, () -> HashedRekord.canonicalBody(req));
        AttestorException second = assertThrows(AttestorException.class, () -> HashedRekord.canonicalBody(req));
        assertEquals(first.code(), second.code());
    }

    @Test
    void describesTheSameKeyAnewForAnotherAlgorithm() {
        KeyPair pair = TestKeys.P256;
        Bytes spki = Bytes.of(PublicKeys.spki(pair.getPublic()));
        String sha256 = new String(HashedRekord.canonicalBody(new HashedRekordRequest(Bytes.of(new byte[32]),
                Bytes.of(new byte[64]), spki, KeyAlgorithm.ECDSA_P256_SHA256)), StandardCharsets.UTF_8);
        AttestorException mismatch = assertThrows(AttestorException.class, () -> HashedRekord.canonicalBody(
                new HashedRekordRequest(Bytes.of(new byte[64]), Bytes.of(new byte[64]), spki,
                        KeyAlgorithm.ED25519)));
        assertTrue(sha256.contains("PKIX_ECDSA_P256_SHA_256"), sha256);
        assertTrue(mismatch.code().startsWith("key."), mismatch.code());
    }

    @Test
    void realEntryIsIncludedInTheRealCheckpointSignedByTheLog() {
        byte[] body = b64(BODY_B64);
        List<byte[]> proof = PROOF_B64.stream().map(HashedRekordTest::b64).toList();
        assertDoesNotThrow(() -> InclusionProofs.verify(10, 11, Rfc6962.leafHash(body), proof, b64(ROOT_B64)));
        Checkpoint cp = Checkpoints.parseVerified(CHECKPOINT,
                List.of(NoteKeys.ed25519Verifier("rekor-local", PublicKeys.parsePem(REKOR_LOCAL_KEY))));
        assertEquals(11, cp.size());
        assertArrayEquals(b64(ROOT_B64), cp.rootHash().value());
    }

    @Test
    void rekorLocalKeyHasThePublishedLogIdPrefix() {
        byte[] hint = NoteKeys.ed25519Verifier("rekor-local", PublicKeys.parsePem(REKOR_LOCAL_KEY)).keyHint();
        assertEquals("d80b4420", HexFormat.of().formatHex(hint));
    }

    @Test
    void uuidIsHexLeafHashOfTheBody() {
        byte[] body = b64(BODY_B64);
        assertEquals(HexFormat.of().formatHex(Rfc6962.leafHash(body)), HashedRekord.uuid(body));
        assertEquals(64, HashedRekord.uuid(body).length());
    }

    @Test
    void requestForAP256SignatureDigestsThePaeWithSha256() {
        KeyPair kp = TestKeys.P256;
        Envelope env = DsseEnvelopes.sign("application/vnd.in-toto+json", "{}".getBytes(StandardCharsets.UTF_8),
                kp.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256, "");
        HashedRekordRequest req = HashedRekord.forSignature(env, env.signatures().get(0), kp.getPublic(),
                KeyAlgorithm.ECDSA_P256_SHA256);
        byte[] pae = Pae.encode(env.payloadType(), env.payload().value());
        assertArrayEquals(Hashing.sha256(pae), req.digest().value());
        assertArrayEquals(kp.getPublic().getEncoded(), req.publicKey().value());
        assertEquals(env.signatures().get(0).sig(), req.signature());
        String body = new String(HashedRekord.canonicalBody(req), StandardCharsets.UTF_8);
        assertEquals("{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":{\"data\":"
                + "{\"algorithm\":\"SHA2_256\",\"digest\":\"" + req.digest().base64() + "\"},\"signature\":{\"content\":\""
                + req.signature().base64() + "\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
                + "\"publicKey\":{\"rawBytes\":\"" + req.publicKey().base64() + "\"}}}}}}", body);
    }

    @Test
    void requestForP384AndEd25519UseTheirHashes() throws Exception {
        Envelope env = DsseEnvelopes.sign("t", new byte[] {1}, TestKeys.P384.getPrivate(),
                KeyAlgorithm.ECDSA_P384_SHA384, "");
        HashedRekordRequest p384 = HashedRekord.forSignature(env, env.signatures().get(0), TestKeys.P384.getPublic(),
                KeyAlgorithm.ECDSA_P384_SHA384);
        assertEquals(48, p384.digest().length());
        String body = new String(HashedRekord.canonicalBody(p384), StandardCharsets.UTF_8);
        assertEquals(true, body.contains("\"algorithm\":\"SHA2_384\"") && body.contains("PKIX_ECDSA_P384_SHA_384"));
        HashedRekordRequest ed = HashedRekord.forSignature(env, env.signatures().get(0), TestKeys.ED25519.getPublic(),
                KeyAlgorithm.ED25519);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-512").digest(
                Pae.encode(env.payloadType(), env.payload().value())), ed.digest().value());
        String edBody = new String(HashedRekord.canonicalBody(ed), StandardCharsets.UTF_8);
        assertEquals(true, edBody.contains("\"algorithm\":\"SHA2_512\"") && edBody.contains("\"PKIX_ED25519\""));
    }

    @Test
    void rsaBodyNamesTheRealKeySize() {
        KeyPair kp = TestKeys.rsa3072();
        Envelope env = DsseEnvelopes.sign("t", new byte[] {1}, kp.getPrivate(), KeyAlgorithm.RSA_PKCS1_SHA256, "");
        HashedRekordRequest req = HashedRekord.forSignature(env, env.signatures().get(0), kp.getPublic(),
                KeyAlgorithm.RSA_PKCS1_SHA256);
        assertEquals(true, new String(HashedRekord.canonicalBody(req), StandardCharsets.UTF_8)
                .contains("\"keyDetails\":\"PKIX_RSA_PKCS1V15_3072_SHA256\""));
    }

    @Test
    void refusesDigestOfTheWrongLength() {
        HashedRekordRequest req = new HashedRekordRequest(Bytes.of(new byte[20]), Bytes.of(new byte[] {1}),
                Bytes.of(TestKeys.P256.getPublic().getEncoded()), KeyAlgorithm.ECDSA_P256_SHA256);
        assertThrows(IllegalArgumentException.class, () -> HashedRekord.canonicalBody(req));
    }

    @Test
    void refusesKeyThatDoesNotMatchTheAlgorithm() {
        Envelope env = DsseEnvelopes.sign("t", new byte[] {1}, TestKeys.P256.getPrivate(),
                KeyAlgorithm.ECDSA_P256_SHA256, "");
        assertEquals("key.unsupported_algorithm", assertThrows(AttestorException.class,
                () -> HashedRekord.forSignature(env, env.signatures().get(0), TestKeys.P256.getPublic(),
                        KeyAlgorithm.ED25519)).code());
    }
}
