package org.stellaops.attestor.sdk.rekor.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.KeyAlgorithm;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.TestKeys;
import org.stellaops.attestor.sdk.checkpoint.Checkpoints;
import org.stellaops.attestor.sdk.crypto.PublicKeys;
import org.stellaops.attestor.sdk.crypto.Signatures;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;
import org.stellaops.attestor.sdk.rekor.HashedRekord;

class RekorV1EntryTest {

    /** rekor.sigstore.dev's log key; its SHA-256 is the public log ID c0d23d6a…801d. */
    private static final String PUBLIC_REKOR_KEY = "-----BEGIN PUBLIC KEY-----\n"
            + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwr\n"
            + "kBbmLSGtks4L3qX6yYY0zufBnhC8Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==\n-----END PUBLIC KEY-----\n";
    /** A real public Rekor hashedrekord entry (log index 463255555) and its SET, as a cosign bundle carried them. */
    private static final String REAL_BODY = "eyJhcGlWZXJzaW9uIjoiMC4wLjEiLCJraW5kIjoiaGFzaGVkcmVrb3JkIiwic3BlYyI6eyJk"
            + "YXRhIjp7Imhhc2giOnsiYWxnb3JpdGhtIjoic2hhMjU2IiwidmFsdWUiOiIzZTgzNjY5MWM5NzM3NGNhMmExNjllMjUwNTllMjY4MGI4Zj"
            + "RkODEyZTcyMDliZTAzNjEwMDAwMDI5YTBjZjNlIn19LCJzaWduYXR1cmUiOnsiY29udGVudCI6Ik1FVUNJUUM4WnFrZDIrblB1czVKNUJv"
            + "QVUweFYyZGxRaW5tSlpubXlUeSt2VXIwSlJnSWdRSFFNZ01lYy9hVk93ODVKMGFXangyblg5MlhmTnJWTWU2VTlMdFpyTzVRPSIsInB1Ym"
            + "xpY0tleSI6eyJjb250ZW50IjoiTFMwdExTMUNSVWRKVGlCUVZVSk1TVU1nUzBWWkxTMHRMUzBLVFVacmQwVjNXVWhMYjFwSmVtb3dRMEZS"
            + "V1VsTGIxcEplbW93UkVGUlkwUlJaMEZGU0VWWFRFYzVjVVI2VFdGdlJ6TlJTSGxXTUhoVFRVZzNRblF3VGdvMVRVWkRNWEV3VFhabE5DOH"
            + "ZVMmwxZVZWbU5VRnBaRVJZY2s5S1kwaEdSalYxZERWUVMyNVViMUZ6YjNWNWRGVTBXVmhoWlM5bU1UQlJQVDBLTFMwdExTMUZUa1FnVUZW"
            + "Q1RFbERJRXRGV1MwdExTMHRDZz09In19fX0=";
    private static final String REAL_SET = "MEUCIQDRzntAex381nJLU3DpBVYbpRJB4ikVD27AfxbmQVrrwgIgVExRV2P1jOIZjUjAw6N9cwL"
            + "OWIDPo1RIK0+qF/zeoUY=";
    private static final String PUBLIC_LOG_ID = "c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d";

    private static final KeyPair LOG = TestKeys.ec("secp256r1");
    private static final byte[] BODY = "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** Our own one-entry-of-two log: entry at index 1 of a tree of size 2, with a SET by LOG. */
    private static String response(String entryId, long integratedTime, String extra) {
        byte[] leaf = Rfc6962.leafHash(BODY);
        byte[] sibling = Rfc6962.leafHash("other".getBytes(StandardCharsets.UTF_8));
        byte[] root = Rfc6962.nodeHash(sibling, leaf);
        String logId = Checkpoints.logIdEcdsa(LOG.getPublic());
        String body = Base64.getEncoder().encodeToString(BODY);
        String setPayload = "{\"body\":\"" + body + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\"" + logId
                + "\",\"logIndex\":1}";
        byte[] set = Signatures.sign(LOG.getPrivate(), KeyAlgorithm.ECDSA_P256_SHA256,
                setPayload.getBytes(StandardCharsets.UTF_8));
        String checkpoint = "rekor.example - 123\\n2\\n" + Base64.getEncoder().encodeToString(root) + "\\n\\n";
        return "{\"" + entryId + "\":{\"body\":\"" + body + "\",\"integratedTime\":" + integratedTime
                + ",\"logID\":\"" + logId + "\",\"logIndex\":1," + extra + "\"verification\":{\"inclusionProof\":{"
                + "\"checkpoint\":\"" + checkpoint + "\",\"hashes\":[\"" + HexFormat.of().formatHex(sibling)
                + "\"],\"logIndex\":1,\"rootHash\":\"" + HexFormat.of().formatHex(root) + "\",\"treeSize\":2},"
                + "\"signedEntryTimestamp\":\"" + Base64.getEncoder().encodeToString(set) + "\"}}}";
    }

    private static final String UUID = HashedRekord.uuid(BODY);
    private static final String ENTRY_ID = "24296fb24b8ad77a" + UUID;
    private static final String RESPONSE = response(ENTRY_ID, 1_700_000_000L, "");

    private static RekorV1.V1Entry parse(String json) {
        return RekorV1.parseEntryResponse(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static void assertInvalid(String json) {
        assertEquals("rekor.invalid_response", assertThrows(AttestorException.class, () -> parse(json)).code());
    }

    @Test
    void parsesAllFieldsOfALogEntryResponse() {
        RekorV1.V1Entry e = parse(RESPONSE);
        assertEquals(ENTRY_ID, e.entryId());
        assertArrayEquals(BODY, e.body());
        assertEquals(1_700_000_000L, e.integratedTime());
        assertEquals(Checkpoints.logIdEcdsa(LOG.getPublic()), e.logIdHex());
        assertEquals(1, e.logIndex());
        assertEquals(1, e.proofLogIndex());
        assertEquals(2, e.treeSize());
        assertEquals(1, e.hashes().size());
        assertTrue(e.checkpoint().startsWith("rekor.example - 123\n2\n"));
    }

    @Test
    void parsedInclusionProofVerifiesTheBody() {
        RekorV1.V1Entry e = parse(RESPONSE);
        assertDoesNotThrow(() -> InclusionProofs.verify(e.proofLogIndex(), e.treeSize(), Rfc6962.leafHash(e.body()),
                e.hashes(), e.rootHash()));
    }

    @Test
    void uuidIsTheLast64HexDigitsOfTheEntryId() {
        assertEquals(UUID, parse(RESPONSE).uuid());
        assertEquals(UUID, parse(response(UUID, 5, "")).uuid());
    }

    @Test
    void setOfOurLogVerifiesUnderItsKey() {
        assertTrue(RekorV1.verifySet(parse(RESPONSE), LOG.getPublic()));
    }

    @Test
    void setDoesNotVerifyUnderAnotherKey() {
        assertFalse(RekorV1.verifySet(parse(RESPONSE), TestKeys.P256.getPublic()));
    }

    @Test
    void setDoesNotCoverAnAlteredIntegratedTime() {
        RekorV1.V1Entry e = parse(RESPONSE);
        RekorV1.V1Entry altered = new RekorV1.V1Entry(e.entryId(), e.body(), e.integratedTime() + 1, e.logIdHex(),
                e.logIndex(), e.treeSize(), e.rootHash(), e.hashes(), e.checkpoint(), e.signedEntryTimestamp());
        assertFalse(RekorV1.verifySet(altered, LOG.getPublic()));
    }

    @Test
    void setOfThePublicRekorLogVerifies() {
        RekorV1.V1Entry real = new RekorV1.V1Entry(HashedRekord.uuid(Base64.getDecoder().decode(REAL_BODY)),
                Base64.getDecoder().decode(REAL_BODY), 1756893469L, PUBLIC_LOG_ID, 463255555L, 1, new byte[32],
                List.of(), "rekor.sigstore.dev - 1193050959916656506\n1\nAAAA\n", Base64.getDecoder().decode(REAL_SET),
                0);
        assertEquals(PUBLIC_LOG_ID, Checkpoints.logIdEcdsa(PublicKeys.parsePem(PUBLIC_REKOR_KEY)));
        assertTrue(RekorV1.verifySet(real, PublicKeys.parsePem(PUBLIC_REKOR_KEY)));
    }

    @Test
    void tenArgumentConstructorTakesTheLogIndexAsTheProofIndex() {
        RekorV1.V1Entry e = new RekorV1.V1Entry(UUID, BODY, 1, PUBLIC_LOG_ID, 7, 8, new byte[32], List.of(), "cp",
                new byte[] {1});
        assertEquals(7, e.proofLogIndex());
    }

    @Test
    void keepsTheShardLocalProofIndexApartFromTheGlobalLogIndex() {
        String sharded = RESPONSE.replace("\"logIndex\":1,\"verification\"", "\"logIndex\":90001,\"verification\"");
        RekorV1.V1Entry e = parse(sharded);
        assertEquals(90001, e.logIndex());
        assertEquals(1, e.proofLogIndex());
    }

    @Test
    void ignoresAnAttestationMember() {
        RekorV1.V1Entry e = parse(response(ENTRY_ID, 1_700_000_000L, "\"attestation\":{\"data\":\"e30=\"},"));
        assertEquals(ENTRY_ID, e.entryId());
    }

    @Test
    void rejectsResponseWithTwoEntries() {
        assertInvalid("{\"a\":{}," + RESPONSE.substring(1));
    }

    @Test
    void rejectsEntryIdThatIsNotHex() {
        assertInvalid(RESPONSE.replace(ENTRY_ID, "not-an-id"));
    }

    @Test
    void rejectsUppercaseEntryId() {
        assertInvalid(RESPONSE.replace(ENTRY_ID, ENTRY_ID.toUpperCase()));
    }

    @Test
    void rejectsMissingVerification() {
        assertInvalid("{\"" + UUID + "\":{\"body\":\"e30=\",\"integratedTime\":1,\"logID\":\"" + PUBLIC_LOG_ID
                + "\",\"logIndex\":1}}");
    }

    @Test
    void rejectsRootHashThatIsNotHex() {
        String root = parseRoot();
        assertInvalid(RESPONSE.replace(root, "zz" + root.substring(2)));
    }

    @Test
    void rejectsShortProofHash() {
        String sibling = HexFormat.of().formatHex(Rfc6962.leafHash("other".getBytes(StandardCharsets.UTF_8)));
        assertInvalid(RESPONSE.replace(sibling, sibling.substring(2)));
    }

    @Test
    void rejectsProofIndexOutsideTheTree() {
        assertInvalid(RESPONSE.replace("\"treeSize\":2", "\"treeSize\":1"));
    }

    @Test
    void rejectsBodyThatIsNotBase64() {
        assertInvalid(RESPONSE.replace("\"body\":\"", "\"body\":\"!"));
    }

    @Test
    void rejectsNegativeIntegratedTime() {
        assertInvalid(response(ENTRY_ID, -1, ""));
    }

    @Test
    void rejectsMalformedJsonAsAnInvalidResponse() {
        assertInvalid(RESPONSE.substring(0, RESPONSE.length() - 1));
    }

    private static String parseRoot() {
        return HexFormat.of().formatHex(parse(RESPONSE).rootHash());
    }
}
