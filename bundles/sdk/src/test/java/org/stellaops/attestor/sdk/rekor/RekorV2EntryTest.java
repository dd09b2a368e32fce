package org.stellaops.attestor.sdk.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.stellaops.attestor.api.model.Bytes;
import org.stellaops.attestor.api.model.InclusionProof;
import org.stellaops.attestor.api.model.LogEntry;
import org.stellaops.attestor.sdk.AttestorException;
import org.stellaops.attestor.sdk.json.JsonLimits;
import org.stellaops.attestor.sdk.json.StrictJson;
import org.stellaops.attestor.sdk.merkle.InclusionProofs;
import org.stellaops.attestor.sdk.merkle.Rfc6962;

class RekorV2EntryTest {

    /** The log ID rekor-local returned with the real entry of {@link HashedRekordTest}. */
    private static final String LOG_ID_B64 = "2AtEIMfG6Y41yK0tcwRTBS2tjhOrjKGIpDkHFgp65g0=";

    private static final String REAL_RESPONSE = "{\"logIndex\": \"10\", \"logId\": {\"keyId\": \"" + LOG_ID_B64 + "\"}, "
            + "\"kindVersion\": {\"kind\": \"hashedrekord\", \"version\": \"0.0.2\"}, \"integratedTime\": \"0\", "
            + "\"inclusionPromise\": null, \"inclusionProof\": {\"logIndex\": \"10\", \"rootHash\": \""
            + HashedRekordTest.ROOT_B64 + "\", \"treeSize\": \"11\", \"hashes\": [\"" + HashedRekordTest.PROOF_B64.get(0)
            + "\", \"" + HashedRekordTest.PROOF_B64.get(1) + "\"], \"checkpoint\": {\"envelope\": "
            + quote(HashedRekordTest.CHECKPOINT) + "}}, \"canonicalizedBody\": \"" + HashedRekordTest.BODY_B64 + "\"}";

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static LogEntry realEntry() {
        byte[] body = Base64.getDecoder().decode(HashedRekordTest.BODY_B64);
        InclusionProof proof = new InclusionProof(10, 11, Bytes.fromBase64(HashedRekordTest.ROOT_B64),
                HashedRekordTest.PROOF_B64.stream().map(Bytes::fromBase64).toList(), HashedRekordTest.CHECKPOINT);
        return new LogEntry(HexFormat.of().formatHex(Base64.getDecoder().decode(LOG_ID_B64)), "rekor-local", 10,
                HashedRekord.uuid(body), Bytes.of(body), proof);
    }

    private static RekorV2.ParsedEntry parse(String json) {
        return RekorV2.parseEntry(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    private static void assertInvalid(String json) {
        assertEquals("rekor.invalid_response", assertThrows(AttestorException.class, () -> parse(json)).code());
    }

    @Test
    void entryJsonHasTheProtojsonShapeWithUnpopulatedFields() {
        String json = new String(RekorV2.entryJson(realEntry(), Base64.getDecoder().decode(LOG_ID_B64)),
                StandardCharsets.UTF_8);
        assertEquals(REAL_RESPONSE.replace(": ", ":").replace(", ", ","), json);
    }

    @Test
    void entryJsonIsTheRealRekorV2ResponseUpToWhitespace() {
        byte[] ours = RekorV2.entryJson(realEntry(), Base64.getDecoder().decode(LOG_ID_B64));
        assertEquals(StrictJson.parse(REAL_RESPONSE.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT),
                StrictJson.parse(ours, JsonLimits.DEFAULT));
    }

    @Test
    void entryJsonRefusesALogIdThatIsNot32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> RekorV2.entryJson(realEntry(), new byte[4]));
    }

    @Test
    void parsesTheRealRekorV2Response() {
        RekorV2.ParsedEntry e = parse(REAL_RESPONSE);
        assertEquals(10, e.logIndex());
        assertEquals("hashedrekord", e.kind());
        assertEquals("0.0.2", e.version());
        assertEquals(10, e.proofLogIndex());
        assertEquals(11, e.treeSize());
        assertArrayEquals(Base64.getDecoder().decode(LOG_ID_B64), e.logKeyId());
        assertEquals(HashedRekordTest.CHECKPOINT, e.checkpoint());
        assertDoesNotThrow(() -> InclusionProofs.verify(e.proofLogIndex(), e.treeSize(),
                Rfc6962.leafHash(e.canonicalizedBody()), e.hashes(), e.rootHash()));
    }

    @Test
    void parseEntryInvertsEntryJson() {
        byte[] json = RekorV2.entryJson(realEntry(), Base64.getDecoder().decode(LOG_ID_B64));
        assertEquals(parse(REAL_RESPONSE), RekorV2.parseEntry(json, JsonLimits.DEFAULT));
    }

    @Test
    void acceptsInt64AsJsonNumbers() {
        assertEquals(parse(REAL_RESPONSE), parse(REAL_RESPONSE.replace("\"10\"", "10").replace("\"11\"", "11")));
    }

    @Test
    void acceptsSnakeCaseNames() {
        String snake = REAL_RESPONSE.replace("\"logIndex\"", "\"log_index\"").replace("\"treeSize\"", "\"tree_size\"")
                .replace("\"canonicalizedBody\"", "\"canonicalized_body\"");
        assertEquals(parse(REAL_RESPONSE), parse(snake));
    }

    @Test
    void ignoresUnknownMembersOfAResponse() {
        assertEquals(parse(REAL_RESPONSE), parse(REAL_RESPONSE.replace("{\"logIndex\"", "{\"future\":[1],\"logIndex\"")));
    }

    @Test
    void treatsAnOmittedZeroLogIndexAsZero() {
        String json = REAL_RESPONSE.replace("\"logIndex\": \"10\", ", "");
        assertEquals(0, parse(json).logIndex());
    }

    @Test
    void rejectsRootHashThatIsNot32Bytes() {
        assertInvalid(REAL_RESPONSE.replace(HashedRekordTest.ROOT_B64, "AAAA"));
    }

    @Test
    void rejectsProofHashThatIsNotBase64() {
        assertInvalid(REAL_RESPONSE.replace(HashedRekordTest.PROOF_B64.get(0), "!!"));
    }

    @Test
    void rejectsMissingCheckpoint() {
        assertInvalid(REAL_RESPONSE.replace("\"checkpoint\": {\"envelope\": " + quote(HashedRekordTest.CHECKPOINT) + "}",
                "\"checkpoint\": null"));
    }

    @Test
    void rejectsMissingCanonicalizedBody() {
        assertInvalid(REAL_RESPONSE.replace("\"canonicalizedBody\"", "\"other\""));
    }

    @Test
    void rejectsNegativeLogIndex() {
        assertInvalid(REAL_RESPONSE.replace("{\"logIndex\": \"10\"", "{\"logIndex\": \"-10\""));
    }

    @Test
    void rejectsProofIndexOutsideTheTree() {
        assertInvalid(REAL_RESPONSE.replace("\"treeSize\": \"11\"", "\"treeSize\": \"10\""));
    }

    @Test
    void rejectsHashesThatAreNotAnArray() {
        assertInvalid(REAL_RESPONSE.replace("\"hashes\": [", "\"hashes\": {\"a\": ").replace("\"], \"checkpoint",
                "\"}, \"checkpoint"));
    }

    @Test
    void rejectsMalformedJsonAsAnInvalidResponse() {
        assertInvalid(REAL_RESPONSE.substring(0, 40));
    }

    @Test
    void parsedEntryDoesNotExposeItsArrays() {
        RekorV2.ParsedEntry e = parse(REAL_RESPONSE);
        e.rootHash()[0] ^= 1;
        e.hashes().get(0)[0] ^= 1;
        assertEquals(parse(REAL_RESPONSE), e);
    }

    @Test
    void errorJsonHasCodeMessageAndEmptyDetails() {
        assertEquals("{\"code\":3,\"message\":\"bad \\\"digest\\\"\",\"details\":[]}",
                RekorV2.errorJson(3, "bad \"digest\""));
    }

    @Test
    void entriesPathIsTheRekorV2CreateEntryPath() {
        assertEquals("/api/v2/log/entries", RekorV2.ENTRIES_PATH);
    }
}
